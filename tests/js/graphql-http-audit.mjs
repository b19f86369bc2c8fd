// Runs graphql-http's server audits (GraphQL over HTTP conformance) against a running server and
// prints one JSON line per audit: {id, name, status: "ok" | "warn" | "error", reason}.
// Usage: node graphql-http-audit.mjs http://127.0.0.1:PORT/graphql
import { serverAudits } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node graphql-http-audit.mjs URL");
  process.exit(2);
}
const results = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
console.log(JSON.stringify(results));

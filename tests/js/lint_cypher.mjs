// Lint Cypher statements with Neo4j's own Cypher 5 linter (@neo4j-cypher/language-support).
// stdin: JSON [{"name", "cypher", "parameters"}] as printed by `orgkg cypher`; optional argv[2]: a JSON
// file with {"labels", "relationshipTypes", "propertyKeys"} so unknown names are reported too.
// stdout: JSON [{"name", "diagnostics": [{"severity": "error"|"warning"|..., "message", "offset"}]}].
// The linter costs about 0.1 s of CPU a statement, so the statements are shared among worker threads.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function lintAll(statements, names) {
  return statements.map(({ name, cypher, parameters }) => {
    const dbSchema = {
      ...names,
      parameters: parameters ?? {},
      // The functions and procedures of a Neo4j 5 server, as the package records them: calls to
      // anything else are reported.
      functions: testData.mockSchema.functions,
      procedures: testData.mockSchema.procedures,
      defaultLanguage: 'CYPHER 5',
    };
    const { diagnostics } = lintCypherQuery(cypher, dbSchema);
    return {
      name,
      diagnostics: diagnostics.map((d) => ({
        severity: SEVERITY[d.severity] ?? String(d.severity),
        message: d.message,
        offset: d.offsets?.start,
      })),
    };
  });
}

if (isMainThread) {
  const statements = JSON.parse(readFileSync(0, 'utf8'));
  const names = process.argv[2] ? JSON.parse(readFileSync(process.argv[2], 'utf8')) : {};
  const n = Math.max(1, Math.min(availableParallelism(), 4, Math.ceil(statements.length / 20)));
  const parts = Array.from({ length: n }, (_, i) => statements.filter((_, j) => j % n === i));
  const results = await Promise.all(parts.map((part) => new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { part, names } });
    worker.once('message', resolve);
    worker.once('error', reject);
  })));
  const byName = new Map(results.flat().map((r) => [r.name, r]));
  process.stdout.write(JSON.stringify(statements.map((s) => byName.get(s.name))));
} else {
  parentPort.postMessage(lintAll(workerData.part, workerData.names));
}

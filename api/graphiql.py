"""GraphiQL, opened on example analyst queries (one tab each; see api/examples.py)."""

from __future__ import annotations

import json
from functools import cache

from orgkg.api.examples import EXAMPLES

# GraphiQL 3.8.3 from unpkg, pinned by hash (the same files strawberry ships in its own page).
_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>orgkg GraphQL</title>
<style>body { margin: 0; } #graphiql { height: 100vh; }</style>
<script crossorigin src="https://unpkg.com/react@18.2.0/umd/react.production.min.js"
  integrity="sha384-tMH8h3BGESGckSAVGZ82T9n90ztNXxvdwvdM6UoR56cYcf+0iGXBliJ29D+wZ/x8"></script>
<script crossorigin src="https://unpkg.com/react-dom@18.2.0/umd/react-dom.production.min.js"
  integrity="sha384-bm7MnzvK++ykSwVJ2tynSE5TRdN+xL418osEVF2DE/L/gfWHj91J2Sphe582B1Bh"></script>
<link crossorigin rel="stylesheet" href="https://unpkg.com/graphiql@3.8.3/graphiql.min.css"
  integrity="sha384-Mq3vbRBY71jfjQAt/DcjxUIYY33ksal4cgdRt9U/hNPvHBCaT2JfJ/PTRiPKf0aM">
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script crossorigin src="https://unpkg.com/graphiql@3.8.3/graphiql.min.js"
  integrity="sha384-HbRVEFG0JGJZeAHCJ9Xm2+tpknBQ7QZmNlO/DgZtkZ0aJSypT96YYGRNod99l9Ie"></script>
<script>
const tabs = __TABS__;
const fetcher = GraphiQL.createFetcher({ url: window.location.href.split("?")[0] });
ReactDOM.createRoot(document.getElementById("graphiql")).render(
  React.createElement(GraphiQL, { fetcher, defaultTabs: tabs, defaultEditorToolsVisibility: true }));
</script>
</body>
</html>
"""


@cache
def graphiql_html() -> str:
    tabs = [{"query": f"# {e.title}\n{e.query.strip()}\n", "variables": json.dumps(e.variables, indent=2,
                                                                                    ensure_ascii=False)}
            for e in EXAMPLES]
    # "</" cannot end the script element early once escaped
    return _PAGE.replace("__TABS__", json.dumps(tabs, ensure_ascii=False).replace("</", "<\\/"))

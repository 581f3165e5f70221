import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Express } from "express";

const require = createRequire(import.meta.url);
const EXAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../examples");

/** Browser files of the explorer, served from node_modules so no request leaves the machine. */
const ASSETS: Record<string, { module: string; file: string; type: string }> = {
  "react.js": { module: "react", file: "umd/react.production.min.js", type: "text/javascript" },
  "react-dom.js": { module: "react-dom", file: "umd/react-dom.production.min.js", type: "text/javascript" },
  "graphiql.js": { module: "graphiql", file: "graphiql.min.js", type: "text/javascript" },
  "graphiql.css": { module: "graphiql", file: "graphiql.min.css", type: "text/css" },
};

export interface ExampleOperation {
  name: string;
  query: string;
  variables?: string;
}

/**
 * The example operations the explorer opens with: every `examples/*.graphql` file, in name order.
 * A file may carry its variables in a leading comment: `# variables: {"code": "SD-JINAN"}`.
 */
export function loadExamples(dir = EXAMPLES_DIR): ExampleOperation[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((file) => {
      const query = readFileSync(path.join(dir, file), "utf8");
      const variables = /^# variables: (.*)$/m.exec(query)?.[1];
      return { name: file.replace(/\.graphql$/, ""), query, ...(variables ? { variables } : {}) };
    });
}

/**
 * The page and its start script are separate files, so that the Content-Security-Policy can forbid
 * inline scripts (server/app.ts): the examples travel as JSON inside the script, not the page.
 */
function page(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Industrial-chain graph · GraphQL explorer</title>
  <link rel="stylesheet" href="/explorer/graphiql.css" />
  <link rel="stylesheet" href="/explorer/page.css" />
</head>
<body>
  <div id="explorer">Loading the explorer…</div>
  <script src="/explorer/react.js"></script>
  <script src="/explorer/react-dom.js"></script>
  <script src="/explorer/graphiql.js"></script>
  <script src="/explorer/start.js"></script>
</body>
</html>`;
}

function startScript(examples: ExampleOperation[]): string {
  const tabs = examples.map((e) => ({ query: e.query, ...(e.variables ? { variables: e.variables } : {}) }));
  return `"use strict";
const fetcher = GraphiQL.createFetcher({ url: new URL("/graphql", location.href).href });
const tabs = ${JSON.stringify(tabs)};
ReactDOM.createRoot(document.getElementById("explorer")).render(
  React.createElement(GraphiQL, { fetcher, defaultTabs: tabs, defaultEditorToolsVisibility: true }),
);
`;
}

/** Mounts the explorer at `/` and `/explorer`, and its assets under `/explorer/`. */
export function mountExplorer(app: Express): void {
  const html = page();
  const start = startScript(loadExamples());
  const send = (_req: unknown, res: { type(t: string): { send(b: string): void } }) => res.type("html").send(html);
  app.get("/", send);
  app.get("/explorer", send);
  app.get("/explorer/start.js", (_req, res) => {
    res.type("text/javascript").send(start);
  });
  app.get("/explorer/page.css", (_req, res) => {
    res.type("text/css").send("html, body, #explorer { height: 100%; margin: 0; }\n");
  });
  for (const [name, asset] of Object.entries(ASSETS)) {
    const file = path.join(path.dirname(require.resolve(`${asset.module}/package.json`)), asset.file);
    const body = readFileSync(file);
    app.get(`/explorer/${name}`, (_req, res) => {
      res.type(asset.type).set("Cache-Control", "public, max-age=86400").send(body);
    });
  }
}

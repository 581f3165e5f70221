/**
 * The floor of the comparison: the hand-written Cypher of each read (bench/cases.ts) behind a minimal
 * HTTP endpoint (node:http, no framework, no GraphQL), so that its figures carry the same HTTP and JSON
 * overhead as the two GraphQL servers.
 *
 *   POST /read/a | /read/b | /read/c   {"params": {...}}  -> {"data": ...}
 *   POST /lower/structure | /lower/deliveries  {"params": {"chain": "...", "scope": "..."}}  -> {"data": {...counts}}
 *
 *   tsx bench/raw-server.ts            # NEO4J_URI (default bolt://127.0.0.1:7687), PORT (default 4200)
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { pathToFileURL } from "node:url";
import neo4j, { type Driver } from "neo4j-driver";
import { LOWER_BOUNDS, READS } from "./cases.js";

type Handler = { cypher: string; shape: (rows: Array<Record<string, unknown>>) => unknown };

const HANDLERS: Record<string, Handler> = {
  ...Object.fromEntries(READS.map((r) => [`/read/${r.id}`, { cypher: r.raw.cypher, shape: r.raw.shape }])),
  ...Object.fromEntries(
    Object.entries(LOWER_BOUNDS).map(([name, cypher]) => [
      `/lower/${name}`,
      { cypher, shape: (rows: Array<Record<string, unknown>>) => rows[0] ?? null },
    ]),
  ),
};

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function startRawServer(
  driver: Driver,
  port: number,
  database?: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/health") return send(res, 200, { status: "ok" });
    const handler = req.method === "POST" && req.url ? HANDLERS[req.url] : undefined;
    if (!handler) return send(res, 404, { error: "not found" });
    void (async () => {
      try {
        const { params } = JSON.parse(await body(req)) as { params?: Record<string, unknown> };
        const result = await driver.executeQuery(handler.cypher, params ?? {}, {
          routing: neo4j.routing.READ,
          database,
          bookmarkManager: null,
        });
        send(res, 200, { data: handler.shape(result.records.map((r) => r.toObject())) });
      } catch (error) {
        send(res, 500, { error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      resolve({ url: `http://127.0.0.1:${actual}`, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const uri = process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687";
  const password = process.env.NEO4J_PASSWORD;
  const auth = password ? neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", password) : undefined;
  // The same driver settings as the service (src/graph/db/driver.ts): numbers as JavaScript numbers, pool of 50.
  const driver = neo4j.driver(uri, auth, { disableLosslessIntegers: true, maxConnectionPoolSize: 50 });
  const started = await startRawServer(driver, Number(process.env.PORT ?? 4200), process.env.NEO4J_DATABASE || undefined);
  process.stdout.write(`RAW_READY ${started.url}\n`);
  const stop = () =>
    void started
      .close()
      .then(() => driver.close())
      .then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

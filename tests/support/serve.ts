import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { buildGraphSchema } from "../../src/schema/build.js";
import { createApp, type AppOptions } from "../../src/server/app.js";
import { logger as testLogger } from "./graph.js";

export interface Served {
  /** `http://127.0.0.1:<port>`, without a path. */
  url: string;
  close(): Promise<void>;
}

export type ServeOptions = Omit<AppOptions, "schema" | "logger" | "ping" | "httpServer"> &
  Partial<Pick<AppOptions, "logger" | "ping">>;

/**
 * The real HTTP app (src/server/app.ts) on a free port of 127.0.0.1, as the service builds it: the
 * tests' logger and a database that always answers /ready unless `ping` says otherwise.
 */
export async function serveApp(options: ServeOptions): Promise<Served> {
  const httpServer = createServer();
  const { app, apollo } = await createApp({
    schema: await buildGraphSchema(),
    logger: testLogger,
    ping: async () => {},
    httpServer,
    ...options,
  });
  httpServer.on("request", app);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
    close: () => apollo.stop(),
  };
}

import { pino, type Logger } from "pino";

export type { Logger };

/** The one logger of the process: structured JSON lines on stdout. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: "chain-kg" } });
}

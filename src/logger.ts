import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

/** The one logger of the process: structured JSON lines on stdout, or on `destination`. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { app: "chain-kg" } }, destination);
}

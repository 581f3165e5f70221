import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import path from "node:path";
import { csvLine } from "./csv.js";

/** A row the import skipped: where it is, why, and its cells as they are in the file. */
export interface RejectedRow {
  file: string;
  line: number;
  /** Every reason, in the order found: the row's own problems, then the rejected rows it depends on. */
  reasons: string[];
  /** True when the row itself is fine but names a rejected row. */
  dependent: boolean;
  record: string[];
}

/** The rejects file's header; `row` is the rejected record re-encoded as one CSV line. */
export const REJECTS_HEADER = ["file", "line", "reason", "row"] as const;

/** Where the rejects of `folder` go by default: beside it, named after it (`data/prov` → `data/prov.rejects.csv`). */
export function defaultRejectsFile(folder: string): string {
  const absolute = path.resolve(folder);
  return path.join(path.dirname(absolute), `${path.basename(absolute)}.rejects.csv`);
}

export interface RejectsWriter {
  readonly file: string;
  write(row: RejectedRow): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens (truncates) a rejects file and writes its header. Writes wait for the stream to drain, so a
 * million rejected rows never pile up in memory.
 */
export function openRejectsFile(file: string): RejectsWriter {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const stream: WriteStream = createWriteStream(file, { encoding: "utf8" });
  let failure: Error | undefined;
  stream.on("error", (error) => (failure = error));
  const put = async (text: string) => {
    if (failure) throw failure;
    // The error handler above records a failure; the next write or close reports it.
    if (!stream.write(text)) await settled(stream, "drain");
  };
  const ready = put(`${csvLine(REJECTS_HEADER)}\n`);
  return {
    file,
    async write(row) {
      await ready;
      await put(`${csvLine([row.file, row.line, row.reasons.join("; "), csvLine(row.record)])}\n`);
    },
    async close() {
      await ready;
      const finished = settled(stream, "finish");
      stream.end();
      await finished;
      if (failure) throw failure;
    },
  };
}

/** Resolves on `event` or on an error (which the stream's own handler records), removing both listeners. */
function settled(stream: WriteStream, event: "drain" | "finish"): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off(event, done);
      stream.off("error", done);
      resolve();
    };
    stream.on(event, done);
    stream.on("error", done);
  });
}

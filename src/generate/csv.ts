/**
 * A streaming CSV writer: rows are appended to a string buffer that is handed to a fs.WriteStream in
 * chunks, waiting for 'drain' when the stream asks to (backpressure), so memory stays flat however many
 * rows are written.
 */

import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

const CHUNK_CHARS = 1 << 18;

/** RFC 4180: quote a cell that holds a comma, quote or line break; double inner quotes. */
export function csvCell(value: string | number): string {
  const text = typeof value === "number" ? String(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: ReadonlyArray<string | number>): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) line += (i > 0 ? "," : "") + csvCell(cells[i]!);
  return line + "\n";
}

export class CsvWriter {
  private readonly stream: WriteStream;
  private buffer = "";
  private failure: Error | null = null;
  rows = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path, { encoding: "utf8" });
    this.stream.on("error", (err) => {
      this.failure = err;
    });
    this.buffer = csvLine(header);
  }

  /** Appends a row of cells, escaping as needed. */
  row(cells: ReadonlyArray<string | number>): void {
    this.buffer += csvLine(cells);
    this.rows++;
  }

  /** Appends a line that the caller has already formatted (no cell needs quoting), ending in "\n". */
  raw(line: string): void {
    this.buffer += line;
    this.rows++;
  }

  /** True when the buffer should be flushed; callers then `await flush()`. */
  get full(): boolean {
    return this.buffer.length >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = "";
    if (!this.stream.write(chunk)) await waitForDrain(this.stream);
    if (this.failure) throw this.failure;
  }

  /** Flushes, closes the file, and returns the number of bytes written. */
  async close(): Promise<number> {
    await this.flush();
    this.stream.end();
    if (!this.stream.closed) await once(this.stream, "close");
    if (this.failure) throw this.failure;
    return this.stream.bytesWritten;
  }
}

function waitForDrain(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = (): void => {
      stream.off("error", onError);
      resolve();
    };
    const onError = (err: Error): void => {
      stream.off("drain", onDrain);
      reject(err);
    };
    stream.once("drain", onDrain);
    stream.once("error", onError);
  });
}

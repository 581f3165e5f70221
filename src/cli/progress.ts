/**
 * A progress display for long command-line jobs, on stderr. On a terminal it is one line redrawn in
 * place (a bar, rows, rows/s, time left); elsewhere (a log file, CI) it is a plain line every 10 s, so
 * logs stay readable. Both end with one summary line.
 */

/** The part of a `tty.WriteStream` the display uses; `process.stderr` by default. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** What is going on, as a present participle ("validating"); the summary uses `doneLabel`. */
  label: string;
  doneLabel: string;
  /** Rows expected, when known: then the bar and time left follow rows. */
  total?: number;
  stream?: ProgressStream;
  /** Plain mode: milliseconds between lines (default 10 s). */
  intervalMs?: number;
  /** Terminal mode: milliseconds between redraws (default 100). */
  redrawMs?: number;
  now?: () => number;
}

export interface ProgressState {
  label: string;
  rows: number;
  total?: number;
  /** Share done, 0 to 1, when known (rows ÷ total, or another measure such as bytes read). */
  fraction?: number;
  rowsPerSecond: number;
  /** Seconds left, when it can be estimated. */
  eta?: number;
  /** What is being worked on (a file name). */
  detail?: string;
}

/** Seconds as `m:ss` or `h:mm:ss`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const pad = (n: number) => String(n).padStart(2, "0");
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");

function figures(state: ProgressState): string[] {
  const parts: string[] = [];
  if (state.fraction !== undefined) parts.push(`${Math.floor(state.fraction * 100)}%`);
  parts.push(state.total !== undefined ? `${int(state.rows)}/${int(state.total)} rows` : `${int(state.rows)} rows`);
  parts.push(`${int(state.rowsPerSecond)} rows/s`);
  parts.push(state.eta !== undefined ? `ETA ${formatDuration(state.eta)}` : "ETA --:--");
  return parts;
}

/** The terminal line: `writing [█████░░░░░]  52%  523,100/1,000,000 rows  41,230 rows/s  ETA 0:12  supply_links.csv`. */
export function renderBar(state: ProgressState, width = 80): string {
  const bar = 20;
  const filled = state.fraction === undefined ? 0 : Math.min(bar, Math.round(state.fraction * bar));
  const parts = [`${state.label} [${"█".repeat(filled)}${"░".repeat(bar - filled)}]`, ...figures(state)];
  if (state.detail) parts.push(state.detail);
  const line = parts.join("  ");
  // A line wider than the terminal would wrap, and `\r` would then redraw only its last part.
  return line.length > width - 1 ? line.slice(0, Math.max(0, width - 1)) : line;
}

/** The plain line: `writing: 52%, 523,100/1,000,000 rows, 41,230 rows/s, ETA 0:12 (supply_links.csv)`. */
export function renderLine(state: ProgressState): string {
  return `${state.label}: ${figures(state).join(", ")}${state.detail ? ` (${state.detail})` : ""}`;
}

/** Rates come from the last few seconds, so the estimate follows a job whose speed changes file by file. */
const WINDOW_MS = 5_000;

export class Progress {
  private readonly stream: ProgressStream;
  private readonly tty: boolean;
  private readonly now: () => number;
  private readonly started: number;
  private readonly samples: Array<{ at: number; rows: number; fraction: number }> = [];
  private lastDraw = -Infinity;
  private drawn = false;
  private state: ProgressState;
  private finished = false;

  constructor(private readonly options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.tty = this.stream.isTTY === true;
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    this.lastDraw = this.tty ? -Infinity : this.started;
    this.state = { label: options.label, rows: 0, rowsPerSecond: 0 };
    this.samples.push({ at: this.started, rows: 0, fraction: 0 });
    if (options.total !== undefined) this.state.total = options.total;
  }

  /** Reports `rows` done; `fraction` overrides rows ÷ total as the share done (e.g. bytes read ÷ bytes). */
  update(rows: number, extra: { fraction?: number; detail?: string } = {}): void {
    if (this.finished) return;
    const at = this.now();
    const total = this.options.total;
    const fraction = extra.fraction ?? (total ? Math.min(1, rows / total) : undefined);
    this.samples.push({ at, rows, fraction: fraction ?? 0 });
    while (this.samples.length > 2 && at - this.samples[0]!.at > WINDOW_MS) this.samples.shift();
    const first = this.samples[0]!;
    const span = (at - first.at) / 1000;
    const state: ProgressState = {
      label: this.options.label,
      rows,
      rowsPerSecond: span > 0 ? (rows - first.rows) / span : 0,
    };
    if (total !== undefined) state.total = total;
    if (fraction !== undefined) {
      state.fraction = fraction;
      const speed = span > 0 ? (fraction - first.fraction) / span : 0;
      if (speed > 0) state.eta = (1 - fraction) / speed;
    }
    if (extra.detail) state.detail = extra.detail;
    this.state = state;
    const every = this.tty ? (this.options.redrawMs ?? 100) : (this.options.intervalMs ?? 10_000);
    if (at - this.lastDraw >= every) {
      this.lastDraw = at;
      this.draw();
    }
  }

  /** Replaces the bar with a summary line (`validated 1,000 rows in 0:03 (333 rows/s)`), plus `note`. */
  finish(note?: string): void {
    if (this.finished) return;
    this.finished = true;
    const seconds = (this.now() - this.started) / 1000;
    const rate = seconds > 0 ? ` (${int(this.state.rows / seconds)} rows/s)` : "";
    const summary = `${this.options.doneLabel} ${int(this.state.rows)} rows in ${formatDuration(seconds)}${rate}${note ? `; ${note}` : ""}`;
    this.stream.write(`${this.drawn && this.tty ? "\r\x1b[K" : ""}${summary}\n`);
  }

  private draw(): void {
    this.drawn = true;
    if (this.tty) this.stream.write(`\r${renderBar(this.state, this.stream.columns ?? 80)}\x1b[K`);
    else this.stream.write(`${renderLine(this.state)}\n`);
  }
}

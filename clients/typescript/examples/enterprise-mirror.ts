/**
 * An example service: keeps a copy of every enterprise of the graph, in memory and optionally in a
 * JSON file, current by following the change feed.
 *
 *   npm run mirror --workspace @chain-kg/client -- --url http://localhost:4000/graphql --key ckg_… [--out mirror.json]
 *
 * How it stays whole:
 * 1. It takes the feed's position P first (`feedPosition`: the cursor after the last change committed).
 * 2. Then it reads every enterprise, page by page by code.
 * 3. Then it applies the feed's changes after P, and goes on polling for more.
 * A change committed before P is already in the graph when step 2 reads it. A change committed after P
 * is in the feed after P, so step 3 applies it, whether or not the pages of step 2 saw it (pages are
 * read one after the other, not in one transaction: an enterprise added during step 2 under a code the
 * pages had passed is missed by them, and caught by step 3). Applying a change means reading the
 * enterprise again, which gives its state now; doing so for a change the pages had already seen does
 * no harm. Taken the other way round (pages first, then the position), a change committed between the
 * page that read an enterprise and the position would be in neither.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  ChainKgClient,
  ClientEnterpriseDocument,
  ClientEnterprisesDocument,
  changes,
  codesOf,
  feedPosition,
  nodes,
  parseElement,
  type ClientEnterprisesQuery,
  type FeedPosition,
  type GraphChange,
} from "../src/index.js";

/** An enterprise as the mirror keeps it (the selection of the client's ClientEnterprise document). */
export type EnterpriseRecord = ClientEnterprisesQuery["enterprises"]["nodes"][number];

export interface MirrorOptions {
  /** Mirror the graph as it holds in this year (by default the latest year the graph holds). */
  year?: number;
  /** Called after each batch of changes is applied (and after the snapshot). */
  onApplied?: (event: { seq: number | null; changes: number; reread: number; enterprises: number }) => void;
}

/** What the JSON file holds: the position to go on from, and the enterprises by code. */
interface MirrorFile {
  position: FeedPosition;
  seq: number | null;
  enterprises: EnterpriseRecord[];
}

export class EnterpriseMirror {
  /** The copy, by code. */
  readonly enterprises = new Map<string, EnterpriseRecord>();
  /** The feed's position the copy is current to. */
  position: FeedPosition = null;
  /** The `seq` of the last change applied (null: none since the snapshot). */
  seq: number | null = null;

  constructor(
    private readonly client: ChainKgClient,
    private readonly options: MirrorOptions = {},
  ) {}

  /** A consistent copy: the feed's position, then every enterprise, then the changes after that position. */
  async snapshot(signal?: AbortSignal): Promise<void> {
    this.position = await feedPosition(this.client, { signal });
    this.seq = null;
    await this.readAll(signal);
    this.options.onApplied?.({ seq: null, changes: 0, reread: this.enterprises.size, enterprises: this.enterprises.size });
    await this.follow({ follow: false, signal });
  }

  /**
   * Applies the feed's changes after `position`, batch by batch; with `follow` (the default), polls for
   * more until `signal` aborts.
   */
  async follow(options: { follow?: boolean; pollIntervalMs?: number; signal?: AbortSignal } = {}): Promise<void> {
    for await (const batch of changes(this.client, { after: this.position, ...options })) {
      const reread = await this.apply(batch.changes, options.signal);
      this.position = batch.position;
      this.seq = batch.changes.at(-1)!.seq;
      this.options.onApplied?.({ seq: this.seq, changes: batch.changes.length, reread, enterprises: this.enterprises.size });
    }
  }

  /**
   * Applies changes: an import means "read again", so every enterprise is; otherwise each enterprise a
   * change concerns (its own changes: added, changed, closed; what it makes; its cluster) is read again
   * once, and dropped when it no longer holds. A product that closes leaves its producers' lists
   * without the feed naming them, so the mirror's own producers of it are read again too. Supply links,
   * inputs, indicators and plans are not in the copy. Returns how many enterprises were read.
   */
  async apply(batch: readonly GraphChange[], signal?: AbortSignal): Promise<number> {
    if (batch.some((c) => c.operation === "import")) return this.readAll(signal);
    const codes = new Set<string>();
    for (const change of batch) {
      const { type, key } = parseElement(change.element);
      if (type === "Enterprise" || type === "Produces") for (const code of codesOf(change, "Enterprise")) codes.add(code);
      if (type === "Product" && change.operation === "closeProducts") {
        for (const [code, e] of this.enterprises) if (e.products.some((p) => p.product.code === key)) codes.add(code);
      }
    }
    for (const code of codes) {
      const { enterprise } = await this.client.request(
        ClientEnterpriseDocument,
        { code, year: this.options.year ?? null },
        { signal },
      );
      if (enterprise) this.enterprises.set(code, enterprise);
      else this.enterprises.delete(code);
    }
    return codes.size;
  }

  /** Reads every enterprise, page by page, in place of the copy. Returns how many. */
  private async readAll(signal?: AbortSignal): Promise<number> {
    const fresh = new Map<string, EnterpriseRecord>();
    const variables = { first: 100, year: this.options.year ?? null };
    for await (const e of nodes(this.client, ClientEnterprisesDocument, variables, (r) => r.enterprises, { signal }))
      fresh.set(e.code, e);
    this.enterprises.clear();
    for (const [code, e] of fresh) this.enterprises.set(code, e);
    return fresh.size;
  }

  /** The copy as the JSON file holds it, enterprises by code. */
  toJSON(): MirrorFile {
    const enterprises = [...this.enterprises.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return { position: this.position, seq: this.seq, enterprises };
  }

  /** Takes up a copy written by `save`, to go on from its position. */
  load(file: string): void {
    const saved = JSON.parse(readFileSync(file, "utf8")) as MirrorFile;
    this.enterprises.clear();
    for (const e of saved.enterprises) this.enterprises.set(e.code, e);
    this.position = saved.position;
    this.seq = saved.seq;
  }

  /** Writes the copy to `file` whole or not at all (a temporary file renamed over it). */
  save(file: string): void {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.toJSON(), null, 2) + "\n");
    renameSync(temporary, file);
  }
}

const USAGE = `Usage: npm run mirror --workspace @chain-kg/client -- --url <endpoint> [--key <ckg_…>] [--out <file.json>] [--interval <ms>] [--year <year>] [--once]
  --url       the service's GraphQL endpoint (or CHAIN_KG_URL), e.g. http://localhost:4000/graphql
  --key       an API key (or CHAIN_KG_API_KEY; the variable keeps it out of the process list); none: anonymous reads
  --out       keep the copy in this JSON file too; when it exists, go on from the position it holds
  --interval  how often to poll the change feed at its end, in ms (2000)
  --year      mirror the graph as it holds in this year (by default its latest)
  --once      stop once the copy is current instead of following the feed`;

/** One line of JSON on stderr per event: the example's log. */
function log(event: Record<string, unknown>): void {
  process.stderr.write(JSON.stringify({ at: new Date().toISOString(), ...event }) + "\n");
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: "string" },
      key: { type: "string" },
      out: { type: "string" },
      interval: { type: "string", default: "2000" },
      year: { type: "string" },
      once: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  const url = values.url ?? process.env.CHAIN_KG_URL;
  if (values.help || !url) {
    process.stderr.write(USAGE + "\n");
    return values.help ? 0 : 2;
  }
  const interval = Number(values.interval);
  const year = values.year === undefined ? undefined : Number(values.year);
  if (!Number.isSafeInteger(interval) || interval < 1 || (year !== undefined && !Number.isSafeInteger(year))) {
    process.stderr.write(`--interval and --year take whole numbers\n${USAGE}\n`);
    return 2;
  }
  const client = new ChainKgClient({ endpoint: url, apiKey: values.key ?? process.env.CHAIN_KG_API_KEY });
  // npm runs the script in the package's folder; a relative --out is the caller's (INIT_CWD).
  const out = values.out === undefined ? undefined : path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
  const mirror = new EnterpriseMirror(client, {
    ...(year === undefined ? {} : { year }),
    onApplied: (event) => {
      if (out) mirror.save(out);
      log({ msg: event.seq === null ? "snapshot" : "applied", ...event });
    },
  });
  const stop = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop.abort());

  let resumed = false;
  if (out) {
    try {
      mirror.load(out);
      resumed = true;
      log({ msg: "resumed", file: out, enterprises: mirror.enterprises.size, seq: mirror.seq });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  if (!resumed) await mirror.snapshot(stop.signal);
  await mirror.follow({ follow: !values.once, pollIntervalMs: interval, signal: stop.signal });
  if (out) mirror.save(out);
  log({ msg: "stopped", enterprises: mirror.enterprises.size, seq: mirror.seq });
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      log({ msg: "failed", error: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    },
  );
}

import { createHash } from "node:crypto";
import type { Executor, Params, TxRun } from "../db/executor.js";

/**
 * The audit trail: one `AuditRecord` node per change, written in the transaction of the change itself,
 * so a change and its record land together or not at all. Records are numbered (`seq`, from 1, with
 * no gap) and chained: each holds the hash of the one before it (`prevHash`) and its own `hash`, the
 * SHA-256 of `prevHash` and its fields. The `AuditHead` node holds the last `seq` and `hash`.
 *
 * Every change first writes the head, which takes its lock: changes append one after the other, in
 * commit order, and no two can read the same head. So `seq` is commit order, the change feed's order
 * (`graphChanges`).
 *
 * `verifyTrail` recomputes the chain: a record edited in the database no longer matches its hash; a
 * record deleted leaves a gap in `seq` (or, at the end, a head ahead of the last record); a record
 * inserted or reordered breaks `prevHash`. Someone who can write to Neo4j can rewrite the whole chain
 * from the edit on; publishing the head's hash elsewhere (a log, a ticket) now and then is what
 * catches that (SECURITY.md).
 */

/** What a change tells the trail about itself; `seq`, `at`, the hashes come from `appendAudit`. */
export interface AuditEntry {
  /** The mutation's name (`setSupplyLinks`), or `import`. */
  operation: string;
  /** The element changed, as `Type:key` (`Enterprise:E1`, `SupplyLink:S1>C1:P1`, `DataSet:shandong`). */
  element: string;
  /** The entities it concerns, as `Type:code`: what an entity's history lists. */
  subjects: string[];
  /** The year the change holds from; null for a timeless graph. */
  year: number | null;
  /** The element before and after, as the API describes it; null where it did not exist (or does not any longer). */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Who made the changes, and in which request. */
export interface AuditActor {
  viewer: string;
  requestId: string;
}

/** A record as stored, every field a property of its node. */
export interface AuditRecord {
  seq: number;
  at: string;
  viewer: string;
  requestId: string;
  operation: string;
  element: string;
  subjects: string[];
  year: number | null;
  /** JSON text, or null. */
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
}

const HEAD = "audit";

/** The hash of a record: its predecessor's hash and its own fields, as JSON in a fixed order. */
export function recordHash(r: Omit<AuditRecord, "hash">): string {
  const fields = [r.seq, r.at, r.viewer, r.requestId, r.operation, r.element, r.subjects, r.year, r.before, r.after];
  return createHash("sha256").update(r.prevHash).update("\n").update(JSON.stringify(fields)).digest("hex");
}

/**
 * Locks the head and appends `entries` after it, in order. Call inside the transaction of the change
 * (`Executor.transaction`) and before the change reads anything it decides on: the lock makes
 * concurrent changes wait here, so each decides on what the one before it committed.
 */
export async function lockTrail(run: TxRun): Promise<{ seq: number; hash: string }> {
  const [head] = await run<{ seq: number; hash: string }>(
    "audit.lock",
    `MERGE (h:AuditHead {id: $head}) ON CREATE SET h.seq = 0, h.hash = ''
     SET h.lockedAt = timestamp()
     RETURN h.seq AS seq, h.hash AS hash`,
    { head: HEAD },
  );
  return { seq: Number(head!.seq), hash: String(head!.hash) };
}

/** Appends `entries` after `head` (what `lockTrail` returned in the same transaction); returns the records. */
export async function appendAudit(
  run: TxRun,
  head: { seq: number; hash: string },
  actor: AuditActor,
  entries: readonly AuditEntry[],
): Promise<AuditRecord[]> {
  if (entries.length === 0) return [];
  const at = new Date().toISOString();
  const records: AuditRecord[] = [];
  let { seq, hash } = head;
  for (const entry of entries) {
    seq += 1;
    const record: Omit<AuditRecord, "hash"> = {
      seq,
      at,
      viewer: actor.viewer,
      requestId: actor.requestId,
      operation: entry.operation,
      element: entry.element,
      subjects: entry.subjects,
      year: entry.year,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
      prevHash: hash,
    };
    hash = recordHash(record);
    records.push({ ...record, hash });
  }
  await run(
    "audit.append",
    `UNWIND $records AS r CREATE (a:AuditRecord) SET a = r
     WITH count(*) AS written
     MATCH (h:AuditHead {id: $head}) SET h.seq = $seq, h.hash = $hash`,
    { records, head: HEAD, seq, hash },
  );
  return records;
}

/** Appends entries in a transaction of their own (an import's record, written after its batches). */
export function recordAudit(executor: Executor, actor: AuditActor, entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
  return executor.transaction("audit.record", async (run) => appendAudit(run, await lockTrail(run), actor, entries));
}

/** What `verifyTrail` found wrong with one record. */
export interface TrailProblem {
  seq: number;
  element: string | null;
  message: string;
}

export interface TrailReport {
  records: number;
  head: { seq: number; hash: string } | null;
  problems: TrailProblem[];
}

const PAGE = 5_000;

/** Reads the whole trail in `seq` order and checks every link of the chain (see the module's comment). */
export async function verifyTrail(executor: Executor): Promise<TrailReport> {
  const problems: TrailProblem[] = [];
  let expected = 1;
  let previous = "";
  let count = 0;
  for (let after = 0; ;) {
    const rows = await executor.read<{ r: Record<string, unknown> }>(
      "audit.verify",
      "MATCH (a:AuditRecord) WHERE a.seq > $after RETURN properties(a) AS r ORDER BY a.seq LIMIT toInteger($page)",
      { after, page: PAGE },
    );
    for (const { r } of rows) {
      const record = toRecord(r);
      count += 1;
      const name = { seq: record.seq, element: record.element };
      if (record.seq !== expected) {
        const missing = record.seq - expected === 1 ? `${expected}` : `${expected} to ${record.seq - 1}`;
        problems.push({ ...name, message: `record(s) ${missing} before it are missing (deleted)` });
      }
      if (record.prevHash !== previous)
        problems.push({ ...name, message: "its prevHash is not the hash of the record before it" });
      const { hash, ...fields } = record;
      if (recordHash(fields) !== hash) problems.push({ ...name, message: "its fields do not match its hash (edited)" });
      previous = hash;
      expected = record.seq + 1;
      after = record.seq;
    }
    if (rows.length < PAGE) break;
  }
  const head = await readHead(executor);
  const last = expected - 1;
  if (head && head.seq !== last)
    problems.push({
      seq: head.seq,
      element: null,
      message:
        head.seq > last
          ? `the head says ${head.seq} records, the last is ${last}: record(s) after ${last} are missing (deleted)`
          : `record(s) after the head's ${head.seq} were added outside the trail`,
    });
  else if (head && head.hash !== previous)
    problems.push({ seq: head.seq, element: null, message: "the head's hash is not the last record's (edited)" });
  if (!head && count > 0) problems.push({ seq: 0, element: null, message: "the trail's head is missing (deleted)" });
  return { records: count, head, problems };
}

function toRecord(r: Record<string, unknown>): AuditRecord {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    seq: Number(r.seq),
    at: String(r.at),
    viewer: String(r.viewer),
    requestId: String(r.requestId),
    operation: String(r.operation),
    element: String(r.element),
    subjects: Array.isArray(r.subjects) ? r.subjects.map(String) : [],
    year: r.year === null || r.year === undefined ? null : Number(r.year),
    before: text(r.before),
    after: text(r.after),
    prevHash: String(r.prevHash ?? ""),
    hash: String(r.hash ?? ""),
  };
}

export interface AuditFilter {
  /** `Type:key`: records of that element, or of any element concerning that entity (`Enterprise:E1`). */
  element?: string | null;
  viewer?: string | null;
  /** ISO times, inclusive from, exclusive to. */
  from?: string | null;
  to?: string | null;
}

/** The head as committed (without its lock): the latest record's `seq` and hash; null before any record. */
async function readHead(executor: Executor): Promise<{ seq: number; hash: string } | null> {
  const [row] = await executor.read<{ seq: number | null; hash: string | null }>(
    "audit.head",
    "OPTIONAL MATCH (h:AuditHead {id: $head}) RETURN h.seq AS seq, h.hash AS hash",
    { head: HEAD },
  );
  return row?.seq === null || row?.seq === undefined ? null : { seq: Number(row.seq), hash: String(row.hash) };
}

/** The `seq` of the latest record (0 before any): where the change feed ends now. */
export async function trailEnd(executor: Executor): Promise<number> {
  return (await readHead(executor))?.seq ?? 0;
}

/**
 * Records in `seq` order after `after` (descending when `newestFirst`), at most `first`, filtered. A
 * filter on `element` matches the element itself or any record whose subjects include it.
 */
export async function readTrail(
  executor: Executor,
  filter: AuditFilter,
  first: number,
  after: number | null,
  newestFirst = false,
): Promise<AuditRecord[]> {
  const params: Params = {
    element: filter.element ?? null,
    viewer: filter.viewer ?? null,
    from: filter.from ?? null,
    to: filter.to ?? null,
    after,
    first,
  };
  const order = newestFirst ? "DESC" : "ASC";
  const cursor = newestFirst ? "a.seq < $after" : "a.seq > $after";
  const rows = await executor.read<{ r: Record<string, unknown> }>(
    newestFirst ? "audit.read.newest" : "audit.read",
    `MATCH (a:AuditRecord)
     WHERE ($after IS NULL OR ${cursor})
       AND ($element IS NULL OR a.element = $element OR $element IN a.subjects)
       AND ($viewer IS NULL OR a.viewer = $viewer)
       AND ($from IS NULL OR a.at >= $from) AND ($to IS NULL OR a.at < $to)
     RETURN properties(a) AS r ORDER BY a.seq ${order} LIMIT toInteger($first)`,
    params,
  );
  return rows.map(({ r }) => toRecord(r));
}

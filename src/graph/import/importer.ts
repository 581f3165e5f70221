import type { Executor } from "../db/executor.js";
import type { RegionKind } from "../vocabulary/model.js";
import { defaultRejectsFile, openRejectsFile } from "./rejects.js";
import { KIND_LABEL, type EntityKind } from "./spec.js";
import {
  formatProblem,
  validateDataSet,
  type ExistingLookup,
  type Problem,
  type ValidationProgress,
  type ValidationResult,
} from "./validate.js";
import { createHash, randomInt } from "node:crypto";
import { createReadStream } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import { recordAudit, type AuditActor } from "../audit/trail.js";
import { writeDataSet, type WriteProgress } from "./write.js";
import { sweepYear, type SweepSummary } from "./years.js";
import { markDerivedStale, refreshDerived, type DerivedSummary } from "../derived/derived.js";

export type { ValidationProgress, WriteProgress };

/** Why an import wrote nothing. */
export type RefusalReason =
  /** Strict mode: the data set has problems. */
  | "problems"
  /** More problems (strict) or rejected rows (`skipInvalid`) than `maxErrors`: validation stopped early. */
  | "too-many"
  /** `skipInvalid`: a whole file is wrong (missing, or a bad header); skipping rows cannot fix that. */
  | "file-problems";

export class DataSetError extends Error {
  override name = "DataSetError";
  constructor(
    /** The first problems found (at most 1,000), in file and line order. */
    readonly problems: Problem[],
    readonly reason: RefusalReason = "problems",
    /** One line for a person: what was found and that nothing was written. */
    readonly summary = `${problems.length} problem(s); nothing was written`,
  ) {
    super(`${summary}:\n${problems.map(formatProblem).join("\n")}`);
  }
}

export interface ImportOptions {
  batchSize?: number;
  /**
   * Load the data set as the full state of this year (src/graph/import/years.ts): what it holds
   * holds in the year, and what held in the year before and is not in it no longer does. Absent:
   * timeless data, which holds in every year.
   */
  year?: number;
  /** Writing progress (after validation). */
  onProgress?: (p: WriteProgress) => void;
  /** Validation progress (rows and bytes read). */
  onValidationProgress?: (p: ValidationProgress) => void;
  /** Called once validation has passed, before writing: rows read and rows to be written. */
  onValidated?: (v: { rows: number; toWrite: number; rejected: number }) => void;
  /**
   * Write every valid row and skip each invalid one, and every row that names a skipped row
   * (transitively), listing them in the rejects file. Default: strict, all or nothing.
   */
  skipInvalid?: boolean;
  /** With `skipInvalid`: the rejects file (default `defaultRejectsFile(folder)`, beside the folder). */
  rejectsFile?: string;
  /**
   * Stop and write nothing once more than this many problems are found (with `skipInvalid`: once more
   * than this many rows are rejected, dependent rows included).
   */
  maxErrors?: number;
  /** Who imports, for the audit trail; default the command line's user (`cli:<user>`). */
  actor?: AuditActor;
}

export interface ImportResult {
  /** Rows written per file. */
  rows: Record<string, number>;
  /** Rows skipped per file (always empty in strict mode). */
  rejected: Record<string, number>;
  /** Rows skipped, and how many of them only named a skipped row. */
  rejectedCount: number;
  dependentCount: number;
  /** With `skipInvalid`: where the skipped rows were listed. */
  rejectsFile?: string;
  /** Seconds of validation, of the whole import, and rows written per second over the whole import. */
  validationSeconds: number;
  seconds: number;
  rowsPerSecond: number;
  /** The derived analytics data recomputed after the write (src/graph/derived/derived.ts); its time is in \`seconds\`. */
  derived: DerivedSummary;
  /** A yearly import: the year, and what the sweep took the year away from. */
  year?: { year: number; swept: SweepSummary };
}

/** Finds codes the data set refers to in the database (for data sets that extend an earlier import). */
export function databaseLookup(executor: Executor): ExistingLookup {
  return async (kind: EntityKind, codes: string[]) => {
    const found = new Map<string, RegionKind | true>();
    const label = KIND_LABEL[kind];
    const rows = await executor.read<{ code: string; kind: RegionKind | null }>(
      "import.lookup",
      `UNWIND $codes AS code MATCH (n:${label} {code: code}) RETURN n.code AS code, n.kind AS kind`,
      { codes },
    );
    for (const row of rows) found.set(row.code, kind === "region" && row.kind ? row.kind : true);
    return found;
  };
}

/**
 * Imports a data-set folder: validates all of it first, then writes it. By default (strict) any
 * problem throws `DataSetError` and nothing is written. With `skipInvalid` the rows that are bad, or
 * name a bad row, are listed in the rejects file and left out, and the rest is written. Either way
 * `maxErrors` stops an import past that many problems (rejected rows) before it writes anything.
 * Writing is idempotent, so an import cut short by an outage is completed by running it again.
 */
export async function importDataSet(executor: Executor, folder: string, options: ImportOptions = {}): Promise<ImportResult> {
  const started = performance.now();
  const validation = await validate(executor, folder, options);
  const validationSeconds = (performance.now() - started) / 1000;
  const read = Object.values(validation.rows).reduce((a, b) => a + b, 0);
  const toWrite = read - validation.rejectedCount;
  options.onValidated?.({ rows: read, toWrite, rejected: validation.rejectedCount });
  // Derived data: stale from the first write until recomputed from what landed, even after a failed write.
  await markDerivedStale(executor);
  let rows: Record<string, number>;
  let swept: SweepSummary | undefined;
  // The stamp: a random whole number, cheap to store on every element and to compare.
  const year = options.year === undefined ? undefined : { year: options.year, stamp: randomInt(2 ** 47) };
  try {
    rows = await writeDataSet(executor, folder, validation.files, {
      ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
      ...(options.onProgress && { onProgress: options.onProgress }),
      ...(year && { year }),
      skip: validation.rejected,
      total: toWrite,
    });
    // Only after every row landed: an import cut short leaves the year holding old and new, never less.
    if (year) swept = await sweepYear(executor, year.year, year.stamp);
  } catch (error) {
    await refreshDerived(executor).catch(() => undefined);
    throw error;
  }
  const derived = await refreshDerived(executor);
  await recordImport(
    executor,
    folder,
    validation.files.map((f) => f.file),
    rows,
    options,
  );
  const seconds = (performance.now() - started) / 1000;
  const total = Object.values(rows).reduce((a, b) => a + b, 0);
  const result: ImportResult = {
    rows,
    rejected: Object.fromEntries([...validation.rejected].filter(([, lines]) => lines.size > 0).map(([f, l]) => [f, l.size])),
    rejectedCount: validation.rejectedCount,
    dependentCount: validation.dependentCount,
    validationSeconds,
    seconds,
    rowsPerSecond: total / seconds,
    derived,
  };
  if (validation.rejectsFile) result.rejectsFile = validation.rejectsFile;
  if (year && swept) result.year = { year: year.year, swept };
  return result;
}

/** The import's one audit record (src/graph/audit/trail.ts): the data set, the year, the rows written and each file's SHA-256. */
async function recordImport(
  executor: Executor,
  folder: string,
  files: readonly string[],
  rows: Record<string, number>,
  options: ImportOptions,
): Promise<void> {
  const hashes: Record<string, string> = {};
  for (const file of files) hashes[file] = await fileHash(path.join(folder, file));
  const dataSet = path.basename(path.resolve(folder));
  const actor = options.actor ?? { viewer: `cli:${userInfo().username}`, requestId: `import-${Date.now()}` };
  await recordAudit(executor, actor, [
    {
      operation: "import",
      element: `DataSet:${dataSet}`,
      subjects: [],
      year: options.year ?? null,
      before: null,
      after: { dataSet, year: options.year ?? null, rows, files: hashes },
    },
  ]);
}

function fileHash(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/** Validates the folder as `options` ask, writing the rejects file; throws `DataSetError` when nothing may be written. */
async function validate(
  executor: Executor,
  folder: string,
  options: ImportOptions,
): Promise<ValidationResult & { rejectsFile?: string }> {
  const { skipInvalid = false, maxErrors } = options;
  const rejects = skipInvalid ? openRejectsFile(options.rejectsFile ?? defaultRejectsFile(folder)) : undefined;
  let validation: ValidationResult;
  try {
    validation = await validateDataSet(folder, databaseLookup(executor), {
      ...(rejects && { onReject: (row) => rejects.write(row) }),
      ...(maxErrors !== undefined && (skipInvalid ? { maxRejected: maxErrors } : { maxProblems: maxErrors })),
      ...(options.onValidationProgress && { onProgress: options.onValidationProgress }),
    });
  } finally {
    await rejects?.close();
  }
  const listed = rejects ? `; the rows rejected so far are in ${rejects.file}` : "";
  if (validation.stopped) {
    const at = `${validation.stopped.file}:${validation.stopped.line}`;
    const what = skipInvalid ? `more than ${maxErrors} rejected row(s)` : `more than ${maxErrors} problem(s)`;
    throw new DataSetError(validation.problems, "too-many", `stopped at ${at}: ${what}; nothing was written${listed}`);
  }
  if (!skipInvalid && validation.problemCount > 0) {
    const shown = validation.problems.length < validation.problemCount ? ` (the first ${validation.problems.length} shown)` : "";
    throw new DataSetError(validation.problems, "problems", `${validation.problemCount} problem(s)${shown}; nothing was written`);
  }
  if (validation.fileProblems.length > 0) {
    const summary = `${validation.fileProblems.length} problem(s) of whole files, which skipping rows cannot fix; nothing was written${listed}`;
    throw new DataSetError(validation.fileProblems, "file-problems", summary);
  }
  return rejects ? { ...validation, rejectsFile: rejects.file } : validation;
}

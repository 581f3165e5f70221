import type { Executor } from "../executor.js";
import type { RegionKind } from "../model.js";
import { KIND_LABEL, type EntityKind } from "./spec.js";
import { formatProblem, validateDataSet, type ExistingLookup, type Problem } from "./validate.js";
import { writeDataSet, type WriteProgress } from "./write.js";
import { markDerivedStale, refreshDerived, type DerivedSummary } from "../derived.js";

export class DataSetError extends Error {
  override name = "DataSetError";
  constructor(readonly problems: Problem[]) {
    super(`the data set has ${problems.length} problem(s):\n${problems.map(formatProblem).join("\n")}`);
  }
}

export interface ImportResult {
  rows: Record<string, number>;
  seconds: number;
  rowsPerSecond: number;
  /** The derived analytics data recomputed after the write (src/graph/derived.ts). */
  derived: DerivedSummary;
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
 * Imports a data-set folder: validates all of it first and throws `DataSetError` (writing nothing)
 * when any row is bad; then writes it. Writing is idempotent, so an import cut short by an outage is
 * completed by running it again.
 */
export async function importDataSet(
  executor: Executor,
  folder: string,
  options: { batchSize?: number; onProgress?: (p: WriteProgress) => void } = {},
): Promise<ImportResult> {
  const started = performance.now();
  const validation = await validateDataSet(folder, databaseLookup(executor));
  if (validation.problems.length > 0) throw new DataSetError(validation.problems);
  // Derived data: stale from the first write until recomputed from what landed, even after a failed write.
  await markDerivedStale(executor);
  let rows: Record<string, number>;
  try {
    rows = await writeDataSet(executor, folder, validation.files, options);
  } catch (error) {
    await refreshDerived(executor).catch(() => undefined);
    throw error;
  }
  const derived = await refreshDerived(executor);
  const seconds = (performance.now() - started) / 1000;
  const total = Object.values(rows).reduce((a, b) => a + b, 0);
  return { rows, seconds, rowsPerSecond: total / seconds, derived };
}

import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { RegionKind } from "../vocabulary/model.js";
import { isYearKey } from "../vocabulary/yearly.js";
import { openCsv } from "./csv.js";
import type { RejectedRow } from "./rejects.js";
import {
  CODE,
  FILES,
  PROPERTY_NAME,
  RESERVED_PROPERTIES,
  YEAR_MAX,
  YEAR_MIN,
  parseNumber,
  splitList,
  type Column,
  type EntityKind,
  type FileSpec,
  type Violation,
} from "./spec.js";

/**
 * What a non-empty cell of a column that is not a reference breaks, if anything: the importer reports
 * its message on the row's line, a mutation (src/graph/mutate) its rule as \`extensions.code\`.
 */
export function cellProblem(column: Column, cell: string): Violation | undefined {
  switch (column.type) {
    case "number": {
      const n = parseNumber(cell);
      if (n === undefined) return undefined;
      if (Number.isNaN(n)) return { rule: "NOT_A_NUMBER", message: `${column.name} "${cell}" is not a number` };
      if (n < 0 && (column.name === "capacity" || column.name === "volume"))
        return { rule: "NEGATIVE_VALUE", message: `${column.name} ${cell} is negative` };
      return undefined;
    }
    case "year": {
      const n = parseNumber(cell);
      if (!Number.isInteger(n) || n! < YEAR_MIN || n! > YEAR_MAX)
        return { rule: "NOT_A_YEAR", message: `${column.name} "${cell}" is not a year from ${YEAR_MIN} to ${YEAR_MAX}` };
      return undefined;
    }
    case "code":
      return CODE.test(cell)
        ? undefined
        : { rule: "NOT_A_CODE", message: `${column.name} "${cell}" is not a code (a letter, then letters, digits, _, . or -)` };
    case "enum":
      return column.values?.includes(cell)
        ? undefined
        : { rule: "BAD_ENUM_VALUE", message: `bad ${column.name} "${cell}" (expected ${column.values?.join(", ")})` };
    default:
      return undefined;
  }
}

/**
 * What an extra column's name (an attribute's key) breaks, if anything: it must be a property name and
 * must not take a property the standard columns, the file (\`reserved\`) or the years own.
 */
export function extraColumnProblem(name: string, spec: FileSpec): Violation | undefined {
  if (!PROPERTY_NAME.test(name))
    return { rule: "BAD_PROPERTY_NAME", message: `extra column "${name}" is not a valid property name` };
  if (RESERVED_PROPERTIES.has(name) || spec.reserved?.includes(name) || isYearKey(name))
    return { rule: "RESERVED_PROPERTY", message: `extra column "${name}" shadows a reserved property` };
  return undefined;
}

/** A row defining an entity (other than a plan item) needs a name in either language. */
export function nameProblem(spec: FileSpec, cells: Record<string, string>): Violation | undefined {
  return spec.defines && spec.defines !== "planItem" && !cells.name && !cells.name_zh
    ? { rule: "NEEDS_NAME", message: "needs name or name_zh" }
    : undefined;
}

/**
 * Every rule a row breaks on its own, references aside: a required cell missing, a bad cell, no name,
 * the file's row rule. Each names its column (\`column\`: undefined for a rule of the whole row).
 */
export function rowViolations(spec: FileSpec, cells: Record<string, string>): Array<Violation & { column?: string }> {
  const out: Array<Violation & { column?: string }> = [];
  for (const column of spec.columns) {
    const cell = cells[column.name] ?? "";
    if (cell === "") {
      if (column.required) out.push({ rule: "MISSING_VALUE", message: `missing ${column.name}`, column: column.name });
      continue;
    }
    const problem = cellProblem(column, cell);
    if (problem) out.push({ ...problem, column: column.name });
  }
  const unnamed = nameProblem(spec, cells);
  if (unnamed) out.push(unnamed);
  const broken = spec.check?.(cells);
  if (broken) out.push(broken);
  return out;
}

/** A problem found in a data set, reported as `file:line: message`. */
export interface Problem {
  file: string;
  line: number;
  message: string;
}

export function formatProblem(p: Problem): string {
  return p.line > 0 ? `${p.file}:${p.line}: ${p.message}` : `${p.file}: ${p.message}`;
}

/**
 * True for a problem of a whole file (missing file or folder, bad header) rather than of one data
 * row: no row can be skipped to get rid of it.
 */
export function isFileProblem(p: Problem): boolean {
  return p.line <= 1;
}

/**
 * Looks up codes that the data set refers to but does not define, in the database. Returns the codes
 * found; for regions, with their kind.
 */
export type ExistingLookup = (kind: EntityKind, codes: string[]) => Promise<Map<string, RegionKind | true>>;

export interface ValidationProgress {
  file: string;
  /** Data rows of `file` read so far. */
  rows: number;
  /** Data rows read so far over all files. */
  done: number;
  /** Bytes read so far over all files, and the size of all of them (for an estimate of the time left). */
  bytes: number;
  totalBytes: number;
}

export interface ValidateOptions {
  /**
   * Called once for every rejected row, in file and line order: a row with a problem, or one that
   * names a code whose row was rejected (transitively). Awaited, so a slow sink slows reading down.
   */
  onReject?: (row: RejectedRow) => void | Promise<void>;
  /** Stop reading once more than this many problems were found (strict mode's `--max-errors`). */
  maxProblems?: number;
  /** Stop reading once more than this many rows were rejected (`--skip-invalid --max-errors`). */
  maxRejected?: number;
  onProgress?: (p: ValidationProgress) => void;
}

export interface ValidationResult {
  /** The first problems found (at most 1,000), in file and line order. */
  problems: Problem[];
  /** Every problem found, including those not kept in `problems`. */
  problemCount: number;
  /** Every problem of a whole file (`isFileProblem`), however many row problems came first. */
  fileProblems: Problem[];
  /** Data rows per file present. */
  rows: Record<string, number>;
  /** The files present, in write order. */
  files: FileSpec[];
  /** Rejected lines per file: rows with a problem and rows that name a rejected row. */
  rejected: Map<string, Set<number>>;
  rejectedCount: number;
  /** Rejected rows without a problem of their own (they only name a rejected row). */
  dependentCount: number;
  /** Set when `maxProblems` or `maxRejected` stopped validation early: the row it stopped at. */
  stopped?: { file: string; line: number };
}

interface Ref {
  code: string;
  column: string;
  kind: EntityKind;
  regionKinds?: readonly RegionKind[];
}

/** A row whose verdict waits on references the data set has not defined yet, or that the database may hold. */
interface OpenRow {
  line: number;
  problems: string[];
  /** Reasons the row depends on a rejected row. */
  dependsOn: string[];
  /** References resolved when the row is settled: to the file's own kind, and to codes not in the data set. */
  refs: Ref[];
  /** The code this row defines (its first definition). */
  defines?: string;
  record: string[];
}

/** Cap on problems kept, so a wholly wrong 1M-row file cannot exhaust memory. */
const MAX_PROBLEMS = 1000;
/** Rows held open before their references are resolved against the database in one lookup. */
const OPEN_ROWS = 10_000;
/** Codes per database lookup. */
const LOOKUP_BATCH = 10_000;
/** Rows between progress reports. */
const PROGRESS_EVERY = 1000;

const DEFINING_FILE = new Map(FILES.filter((f) => f.defines).map((f) => [f.defines!, f.file]));

/**
 * Reads a whole data-set folder and reports every problem, without writing anything. Memory holds the
 * ids each file defines (and region kinds), the codes found in the database, and the rejected codes and
 * lines, never the rows: a row is settled as soon as its references are known, at the latest after
 * 10,000 rows, except in `regions.csv` (whose rows refer to each other), which is settled at its end.
 *
 * Files are read in dependency order, so when a file is read every code it refers to (other than its
 * own kind) is settled: a row that names a rejected code is rejected in its turn (`dependsOn`), and
 * rows naming it after it, and so on.
 */
export async function validateDataSet(
  folder: string,
  lookup?: ExistingLookup,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const problems: Problem[] = [];
  const fileProblems: Problem[] = [];
  let problemCount = 0;
  const report = (file: string, line: number, message: string) => {
    problemCount += 1;
    const problem = { file, line, message };
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
    if (isFileProblem(problem)) fileProblems.push(problem);
  };
  /** The codes each file defines, with the line that defines them. */
  const ids = new Map<EntityKind, Map<string, number>>();
  const regionKinds = new Map<string, RegionKind>();
  /** Codes the data set refers to and the database holds (for regions, with their kind). */
  const existing = new Map<EntityKind, Map<string, RegionKind | true>>();
  /** Codes whose defining row was rejected, with that row's line. */
  const rejectedCodes = new Map<EntityKind, Map<string, number>>();
  const rejected = new Map<string, Set<number>>();
  let rejectedCount = 0;
  let dependentCount = 0;
  let stopped: { file: string; line: number } | undefined;
  const rows: Record<string, number> = {};
  const files: FileSpec[] = [];
  const result = (): ValidationResult => {
    const r: ValidationResult = { problems, problemCount, fileProblems, rows, files, rejected, rejectedCount, dependentCount };
    if (stopped) r.stopped = stopped;
    return r;
  };

  if (!existsSync(folder)) {
    report(folder, 0, "no such folder");
    return result();
  }
  const hasIndustries = existsSync(path.join(folder, "industries.csv"));
  const sizes = new Map<string, number>();
  for (const spec of FILES) {
    const file = path.join(folder, spec.file);
    if (existsSync(file)) sizes.set(spec.file, statSync(file).size);
  }
  const totalBytes = [...sizes.values()].reduce((a, b) => a + b, 0);
  let bytesBefore = 0;
  let done = 0;

  const rejectedReason = (column: string, code: string, kind: EntityKind, line: number) =>
    `${column} ${code} was rejected (${DEFINING_FILE.get(kind)}:${line})`;

  for (const spec of FILES) {
    const file = path.join(folder, spec.file);
    if (!existsSync(file)) {
      if (!spec.optional) report(spec.file, 0, "required file is missing");
      continue;
    }
    files.push(spec);
    const allColumns: readonly Column[] =
      spec.file === "chains.csv" && hasIndustries
        ? spec.columns.map((c) => (c.name === "industry" ? { ...c, type: "ref", ref: "industry" } : c))
        : spec.columns;
    const csv = await openCsv(file);
    const missing = allColumns.filter((c) => !c.optional && !csv.header.includes(c.name)).map((c) => c.name);
    if (missing.length > 0) report(spec.file, 1, `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
    // Rows are still checked on the columns that are there, so one bad header does not hide other problems.
    const columns = allColumns.filter((c) => csv.header.includes(c.name));
    const known = new Set(allColumns.map((c) => c.name));
    for (const extra of csv.header.filter((h) => !known.has(h))) {
      const problem = extraColumnProblem(extra, spec);
      if (problem) report(spec.file, 1, problem.message);
    }
    if (new Set(csv.header).size !== csv.header.length) report(spec.file, 1, "a column name appears twice");

    const firstLine = new Map<string, number>();
    if (spec.defines) ids.set(spec.defines, firstLine);
    // Keys of `spec.unique` and `spec.consistent` seen so far in this file, with their first line (and cell).
    const uniqueLines = new Map<string, number>();
    const consistentCells = new Map<string, { cell: string; line: number }>();
    // Rows that refer to their own file's kind wait for the end of the file.
    const selfReferring = columns.some((c) => c.ref !== undefined && c.ref === spec.defines);
    const rejectedLines = new Set<number>();
    rejected.set(spec.file, rejectedLines);
    const open: OpenRow[] = [];
    let count = 0;
    let bytes = 0;
    const progress = () => options.onProgress?.({ file: spec.file, rows: count, done, bytes: bytesBefore + bytes, totalBytes });

    /** Records a row's verdict; false once a limit stops validation. Synchronous unless the row is rejected. */
    const settle = (row: OpenRow): boolean | Promise<boolean> => {
      for (const message of row.problems) report(spec.file, row.line, message);
      let listed: void | Promise<void> = undefined;
      if (row.problems.length > 0 || row.dependsOn.length > 0) {
        rejectedLines.add(row.line);
        rejectedCount += 1;
        if (row.problems.length === 0) dependentCount += 1;
        if (row.defines && spec.defines) {
          let codes = rejectedCodes.get(spec.defines);
          if (!codes) rejectedCodes.set(spec.defines, (codes = new Map()));
          codes.set(row.defines, row.line);
        }
        listed = options.onReject?.({
          file: spec.file,
          line: row.line,
          reasons: [...row.problems, ...row.dependsOn],
          dependent: row.problems.length === 0,
          record: row.record,
        });
      }
      const ok = problemCount <= (options.maxProblems ?? Infinity) && rejectedCount <= (options.maxRejected ?? Infinity);
      if (!ok) stopped = { file: spec.file, line: row.line };
      return listed ? listed.then(() => ok) : ok;
    };

    /** Resolves the open rows' references (asking the database for codes the data set lacks) and settles them. */
    const settleOpen = async (): Promise<boolean> => {
      if (open.length === 0) return true;
      await lookUpMissing(open);
      const byCode = new Map<string, OpenRow>();
      for (const row of open) if (row.defines) byCode.set(row.defines, row);
      for (const row of open) {
        for (const ref of row.refs) {
          if (ids.get(ref.kind)?.has(ref.code)) {
            if (ref.kind === "region") checkRegionKind(row, ref.column, ref.code, ref.regionKinds, regionKinds.get(ref.code));
            continue;
          }
          const found = existing.get(ref.kind)?.get(ref.code);
          if (found === undefined) row.problems.push(`unknown ${ref.column} ${ref.code}`);
          else if (ref.kind === "region" && found !== true) checkRegionKind(row, ref.column, ref.code, ref.regionKinds, found);
        }
      }
      // A row that names a rejected row of its own file is rejected too, up the chain (a city under a bad circle).
      const isRejected = (row: OpenRow) => row.problems.length > 0 || row.dependsOn.length > 0;
      for (let changed = selfReferring; changed;) {
        changed = false;
        for (const row of open) {
          if (isRejected(row)) continue;
          for (const ref of row.refs) {
            if (ref.kind !== spec.defines) continue;
            const target = byCode.get(ref.code);
            const line = target && isRejected(target) ? target.line : rejectedCodes.get(ref.kind)?.get(ref.code);
            if (line !== undefined) {
              row.dependsOn.push(rejectedReason(ref.column, ref.code, ref.kind, line));
              changed = true;
              break;
            }
          }
        }
      }
      for (const row of open) {
        if (!(await settle(row))) return false;
      }
      open.length = 0;
      return true;
    };

    for await (const csvRow of csv.rows) {
      count += 1;
      done += 1;
      bytes = csvRow.bytes;
      if (count % PROGRESS_EVERY === 0) progress();
      const { cells, line } = csvRow;
      const row: OpenRow = { line, problems: [], dependsOn: [], refs: [], record: csvRow.record };
      const problems = row.problems;
      if (csvRow.extraCells) problems.push(`${csvRow.extraCells} more cell(s) than the header has columns`);
      for (const column of columns) {
        const cell = cells[column.name] ?? "";
        if (cell === "") {
          if (column.required) problems.push(`missing ${column.name}`);
          continue;
        }
        if (column.type !== "ref" && column.type !== "refs") {
          const problem = cellProblem(column, cell);
          if (problem) problems.push(problem.message);
          continue;
        }
        switch (column.type) {
          case "ref":
          case "refs": {
            const codes = column.type === "ref" ? [cell] : splitList(cell);
            const kinds = column.regionKinds?.(cells);
            const kind = column.ref!;
            const known = kind === spec.defines ? undefined : ids.get(kind);
            for (const code of codes) {
              // Earlier files are complete: a code they define is settled now, anything else when the row is.
              if (known?.has(code)) {
                if (kind === "region") checkRegionKind(row, column.name, code, kinds, regionKinds.get(code));
                const rejectedLine = rejectedCodes.get(kind)?.get(code);
                if (rejectedLine !== undefined) row.dependsOn.push(rejectedReason(column.name, code, kind, rejectedLine));
              } else {
                const ref: Ref = { code, column: column.name, kind };
                if (kinds) ref.regionKinds = kinds;
                row.refs.push(ref);
              }
            }
            break;
          }
          default:
            break;
        }
      }
      if (spec.defines && cells.id) {
        const previous = firstLine.get(cells.id);
        if (previous !== undefined) problems.push(`duplicate id ${cells.id} (first on line ${previous})`);
        else {
          firstLine.set(cells.id, line);
          row.defines = cells.id;
        }
        if (spec.defines === "region" && cells.kind) regionKinds.set(cells.id, cells.kind as RegionKind);
      }
      const unnamed = nameProblem(spec, cells);
      if (unnamed) problems.push(unnamed.message);
      const broken = spec.check?.(cells);
      if (broken) problems.push(broken.message);
      const key = spec.unique?.key(cells);
      if (key !== undefined) {
        const previous = uniqueLines.get(key);
        if (previous !== undefined) problems.push(`duplicate ${spec.unique!.what(cells)} (first on line ${previous})`);
        else uniqueLines.set(key, line);
      }
      const group = spec.consistent?.key(cells);
      if (group !== undefined) {
        const column = spec.consistent!.column;
        const cell = cells[column] ?? "";
        const first = consistentCells.get(group);
        if (!first) consistentCells.set(group, { cell, line });
        else if (first.cell !== cell) {
          const show = (c: string) => (c ? `"${c}"` : "empty");
          problems.push(
            `${column} ${show(cell)} differs from the same series' ${column} on line ${first.line} (${show(first.cell)})`,
          );
        }
      }

      if (row.refs.length === 0 && open.length === 0) {
        const settled = settle(row);
        if (!(settled === true || (settled !== false && (await settled)))) break;
      } else {
        open.push(row);
        if (!selfReferring && open.length >= OPEN_ROWS && !(await settleOpen())) break;
      }
    }
    if (!stopped) await settleOpen();
    rows[spec.file] = count;
    bytes = sizes.get(spec.file) ?? bytes;
    progress();
    bytesBefore += bytes;
    if (stopped) break;
  }

  function checkRegionKind(
    row: OpenRow,
    column: string,
    code: string,
    allowed: readonly RegionKind[] | undefined,
    actual: RegionKind | undefined,
  ): void {
    if (allowed && actual && !allowed.includes(actual)) {
      const expected = allowed.length ? allowed.join(" or ") : "no region";
      row.problems.push(`${column} ${code} is a ${actual}, expected ${expected}`);
    }
  }

  /** What the data set refers to but does not define may already be in the database. */
  async function lookUpMissing(open: readonly OpenRow[]): Promise<void> {
    if (!lookup) return;
    const wanted = new Map<EntityKind, Set<string>>();
    for (const row of open) {
      for (const ref of row.refs) {
        if (ids.get(ref.kind)?.has(ref.code) || existing.get(ref.kind)?.has(ref.code)) continue;
        let codes = wanted.get(ref.kind);
        if (!codes) wanted.set(ref.kind, (codes = new Set()));
        codes.add(ref.code);
      }
    }
    for (const [kind, codes] of wanted) {
      let found = existing.get(kind);
      if (!found) existing.set(kind, (found = new Map()));
      const list = [...codes];
      for (let i = 0; i < list.length; i += LOOKUP_BATCH) {
        for (const [code, value] of await lookup(kind, list.slice(i, i + LOOKUP_BATCH))) found.set(code, value);
      }
    }
  }

  return result();
}

import { existsSync } from "node:fs";
import path from "node:path";
import type { RegionKind } from "../model.js";
import { openCsv } from "./csv.js";
import {
  FILES,
  PROPERTY_NAME,
  RESERVED_PROPERTIES,
  parseNumber,
  splitList,
  type Column,
  type EntityKind,
  type FileSpec,
} from "./spec.js";

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
 * Looks up codes that the data set refers to but does not define, in the database. Returns the codes
 * found; for regions, with their kind.
 */
export type ExistingLookup = (kind: EntityKind, codes: string[]) => Promise<Map<string, RegionKind | true>>;

export interface ValidationResult {
  problems: Problem[];
  /** Data rows per file present. */
  rows: Record<string, number>;
  /** The files present, in write order. */
  files: FileSpec[];
}

interface PendingRef {
  code: string;
  file: string;
  line: number;
  column: string;
  kind: EntityKind;
  regionKinds?: readonly RegionKind[];
}

/** Cap on problems kept, so a wholly wrong 1M-row file cannot exhaust memory. */
const MAX_PROBLEMS = 1000;
/** Cap on references left for the database to resolve; past it, an undefined reference is a problem at once. */
const MAX_PENDING_REFS = 100_000;

/**
 * Reads a whole data-set folder and reports every problem, without writing anything. Memory holds
 * only the ids each file defines (and region kinds), never the rows.
 */
export async function validateDataSet(folder: string, lookup?: ExistingLookup): Promise<ValidationResult> {
  const problems: Problem[] = [];
  const report = (file: string, line: number, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ file, line, message });
  };
  const ids = new Map<EntityKind, Set<string>>();
  const regionKinds = new Map<string, RegionKind>();
  const missingRefs: PendingRef[] = [];
  const rows: Record<string, number> = {};
  const files: FileSpec[] = [];

  if (!existsSync(folder)) {
    return { problems: [{ file: folder, line: 0, message: "no such folder" }], rows, files };
  }
  const hasIndustries = existsSync(path.join(folder, "industries.csv"));

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
    const missing = allColumns.filter((c) => !csv.header.includes(c.name)).map((c) => c.name);
    if (missing.length > 0) report(spec.file, 1, `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
    // Rows are still checked on the columns that are there, so one bad header does not hide other problems.
    const columns = allColumns.filter((c) => csv.header.includes(c.name));
    const known = new Set(allColumns.map((c) => c.name));
    for (const extra of csv.header.filter((h) => !known.has(h))) {
      if (!PROPERTY_NAME.test(extra)) report(spec.file, 1, `extra column "${extra}" is not a valid property name`);
      else if (RESERVED_PROPERTIES.has(extra)) report(spec.file, 1, `extra column "${extra}" shadows a reserved property`);
    }
    if (new Set(csv.header).size !== csv.header.length) report(spec.file, 1, "a column name appears twice");

    const defined = new Set<string>();
    const firstLine = new Map<string, number>();
    const selfRefs: PendingRef[] = [];
    let count = 0;
    for await (const row of csv.rows) {
      count += 1;
      const { cells, line } = row;
      const at = (message: string) => report(spec.file, line, message);
      if (row.extraCells) at(`${row.extraCells} more cell(s) than the header has columns`);
      for (const column of columns) {
        const cell = cells[column.name] ?? "";
        if (cell === "") {
          if (column.required) at(`missing ${column.name}`);
          continue;
        }
        switch (column.type) {
          case "number": {
            const n = parseNumber(cell);
            if (n === undefined) break;
            if (Number.isNaN(n)) at(`${column.name} "${cell}" is not a number`);
            else if (n < 0 && (column.name === "capacity" || column.name === "volume")) at(`${column.name} ${cell} is negative`);
            break;
          }
          case "enum":
            if (!column.values?.includes(cell)) at(`bad ${column.name} "${cell}" (expected ${column.values?.join(", ")})`);
            break;
          case "ref":
          case "refs": {
            const codes = column.type === "ref" ? [cell] : splitList(cell);
            const kinds = column.regionKinds?.(cells);
            for (const code of codes) {
              const ref: PendingRef = { code, file: spec.file, line, column: column.name, kind: column.ref! };
              if (kinds) ref.regionKinds = kinds;
              if (column.ref === spec.defines) selfRefs.push(ref);
              else checkRef(ref);
            }
            break;
          }
          default:
            break;
        }
      }
      if (spec.defines && cells.id) {
        const previous = firstLine.get(cells.id);
        if (previous !== undefined) at(`duplicate id ${cells.id} (first on line ${previous})`);
        else {
          firstLine.set(cells.id, line);
          defined.add(cells.id);
        }
        if (spec.defines === "region" && cells.kind) regionKinds.set(cells.id, cells.kind as RegionKind);
      }
      if (spec.defines && spec.defines !== "planItem" && !cells.name && !cells.name_zh) at("needs name or name_zh");
      const message = spec.check?.(cells);
      if (message) at(message);
    }
    rows[spec.file] = count;
    if (spec.defines) ids.set(spec.defines, defined);
    for (const ref of selfRefs) checkRef(ref);
  }

  function checkRef(ref: PendingRef): void {
    if (!ids.get(ref.kind)?.has(ref.code)) {
      if (missingRefs.length < MAX_PENDING_REFS) missingRefs.push(ref);
      else report(ref.file, ref.line, `unknown ${ref.column} ${ref.code}`);
      return;
    }
    if (ref.kind === "region") checkRegionKind(ref, regionKinds.get(ref.code));
  }

  function checkRegionKind(ref: PendingRef, actual: RegionKind | undefined): void {
    if (ref.regionKinds && actual && !ref.regionKinds.includes(actual)) {
      const expected = ref.regionKinds.length ? ref.regionKinds.join(" or ") : "no region";
      report(ref.file, ref.line, `${ref.column} ${ref.code} is a ${actual}, expected ${expected}`);
    }
  }

  // What the data set refers to but does not define may already be in the database.
  const byKind = new Map<EntityKind, PendingRef[]>();
  for (const ref of missingRefs) {
    const list = byKind.get(ref.kind) ?? [];
    list.push(ref);
    byKind.set(ref.kind, list);
  }
  for (const [kind, refs] of byKind) {
    const found = lookup ? await lookup(kind, [...new Set(refs.map((r) => r.code))]) : new Map<string, RegionKind | true>();
    for (const ref of refs) {
      const existing = found.get(ref.code);
      if (existing === undefined) report(ref.file, ref.line, `unknown ${ref.column} ${ref.code}`);
      else if (kind === "region" && existing !== true) checkRegionKind(ref, existing);
    }
  }

  problems.sort((a, b) => (a.file === b.file ? a.line - b.line : fileOrder(a.file) - fileOrder(b.file)));
  return { problems, rows, files };
}

function fileOrder(file: string): number {
  const i = FILES.findIndex((f) => f.file === file);
  return i < 0 ? -1 : i;
}

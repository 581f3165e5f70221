import { GraphQLError } from "graphql";
import type { Executor, TxRun } from "../db/executor.js";
import { holdFreshDerived, refreshProducts, type LinkChange } from "../derived/derived.js";
import { appendAudit, lockTrail, type AuditActor, type AuditEntry, type AuditRecord } from "../audit/trail.js";
import { FILES, KIND_LABEL, extraValue, seriesKey, splitList, type Column } from "../import/spec.js";
import { extraColumnProblem, rowViolations } from "../import/validate.js";
import { Label, OBSERVATION, searchText } from "../vocabulary/model.js";
import { isYearKey } from "../vocabulary/yearly.js";
import { endedFrom, endedValues, heldFrom, withYearlyValue, type Held } from "./years.js";
import type { LinkColumn, NodeKind, RelKind } from "./elements.js";

/**
 * The mutation engine. A batch of changes runs in one transaction (`Executor.transaction`): the
 * audit trail's lock first (so concurrent batches run one after the other), then every change is read
 * and validated with the importer's rules (src/graph/import/validate.ts), its version checked, and
 * only when all of them pass is anything written: the elements, the derived data of the products they
 * touch (src/graph/derived/derived.ts) and one audit record per element. Any failure rolls all of it
 * back. Every Cypher text is built from the declarations of elements.ts; values travel as parameters.
 */

/** Items per batch, at most (documented in SECURITY.md and the schema). */
export const MAX_MUTATION_ITEMS = 100;

/** The codes of the violations a mutation reports that are not the importer's rules. */
export const MutationCode = {
  CONFLICT: "CONFLICT",
  DUPLICATE: "DUPLICATE",
  UNKNOWN_REFERENCE: "UNKNOWN_REFERENCE",
  WRONG_REGION_KIND: "WRONG_REGION_KIND",
  UNKNOWN_ELEMENT: "UNKNOWN_ELEMENT",
  TOO_MANY_ITEMS: "TOO_MANY_ITEMS",
} as const;

/** One violated rule: its code, the argument path (`["input", 2, "city"]`) and a message. */
export interface Violation {
  code: string;
  argument: Array<string | number>;
  message: string;
}

/** The error of a refused batch: the first violation's code and path, and every violation found. */
export function refused(violations: readonly Violation[]): GraphQLError {
  const [first] = violations;
  const where = first!.argument
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`))
    .join("")
    .replace(/^\./, "");
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more; see extensions.violations)` : "";
  return new GraphQLError(`${where}: ${first!.message}${more}; nothing was changed`, {
    extensions: { code: first!.code, argument: first!.argument, violations },
  });
}

type Props = Record<string, unknown>;
type Input = Record<string, unknown>;

/** An attribute to set (a value) or remove (null). */
export interface AttributeChange {
  key: string;
  value: string | null;
}

/** An entity to create or change, or to close. Input fields are those of `kind.fields`; undefined: unchanged. */
export interface NodeChange {
  node: NodeKind;
  input: Input;
  attributes?: readonly AttributeChange[] | null;
  close?: boolean;
  expectedVersion?: number | null;
}

/** A relationship to set or remove. */
export interface RelChange {
  rel: RelKind;
  input: Input;
  remove?: boolean;
  expectedVersion?: number | null;
}

/**
 * An indicator's value in a year (an \`Observation\`, one per series and year as indicators.csv holds
 * them) to set, or to remove. Input fields: region, chain, industry, indicator, year, value, unit, source.
 */
export interface ObservationChange {
  observation: true;
  input: Input;
  remove?: boolean;
  expectedVersion?: number | null;
}

export type Change = NodeChange | RelChange | ObservationChange;

export interface BatchOptions {
  operation: string;
  actor: AuditActor;
  /** The year the changes hold from (already checked against the graph's years); null on a graph without years. */
  year: number | null;
  /** The graph's years, ascending. */
  years: readonly number[];
  /** The argument the changes came in (`input`, `codes`), for the paths of violations. */
  argument: string;
}

export interface BatchResult {
  records: AuditRecord[];
}

interface Rel {
  target: string;
  props: Props;
}

interface NodeBefore {
  props: Props | null;
  links: Record<string, Rel[]>;
  /** Products whose derived data depends on this node's place and years. */
  products: string[];
}

/** A planned write: the statements, the audit entry, the products it touches. */
interface Planned {
  statements: Array<{ operation: string; cypher: string; params: Props }>;
  entry: AuditEntry;
  /** Products whose derived data is computed again. */
  products: string[];
  dependents: boolean;
  /** A supply link that changed: its product's derived data is adjusted by the difference. */
  link?: LinkChange;
}

/** Runs a batch of changes, all or nothing (see the module's comment). */
export function applyChanges(executor: Executor, changes: readonly Change[], options: BatchOptions): Promise<BatchResult> {
  if (changes.length > MAX_MUTATION_ITEMS)
    throw refused([
      {
        code: MutationCode.TOO_MANY_ITEMS,
        argument: [options.argument],
        message: `${changes.length} items, more than the ${MAX_MUTATION_ITEMS} one batch may hold`,
      },
    ]);
  return executor.transaction(`mutation.${options.operation}`, async (run) => {
    const head = await lockTrail(run);
    await holdFreshDerived(run);
    const violations: Violation[] = [];
    const plans: Planned[] = [];
    const seen = new Map<string, number>();
    const refs: RefCheck[] = [];
    for (const [i, change] of changes.entries()) {
      const at = [options.argument, i];
      const planned =
        "node" in change
          ? await planNode(run, change, options, at, violations, refs)
          : "rel" in change
            ? await planRel(run, change, options, at, violations, refs)
            : await planObservation(run, change, options, at, violations, refs);
      if (!planned) continue;
      const first = seen.get(planned.entry.element);
      if (first !== undefined)
        violations.push({
          code: MutationCode.DUPLICATE,
          argument: at,
          message: `${planned.entry.element} is changed twice in one batch (first at ${options.argument}[${first}])`,
        });
      else seen.set(planned.entry.element, i);
      plans.push(planned);
    }
    await checkRefs(run, refs, options.year, violations);
    if (violations.length > 0) throw refused(violations);
    const products = new Set<string>();
    let dependents = false;
    for (const plan of plans) {
      for (const s of plan.statements) await run(s.operation, s.cypher, s.params);
      for (const p of plan.products) products.add(p);
      dependents ||= plan.dependents;
    }
    // A product computed again whole already counts its links as they now are.
    const links = plans.flatMap((p) => (p.link && !products.has(p.link.product) ? [p.link] : []));
    if (products.size > 0 || dependents || links.length > 0) await refreshProducts(run, [...products], dependents, links);
    return {
      records: await appendAudit(
        run,
        head,
        options.actor,
        plans.map((p) => p.entry),
      ),
    };
  });
}

/** A reference a change makes, checked once all are known: the code exists, holds in the year, and (regions) is of a right kind. */
interface RefCheck {
  column: Column;
  code: string;
  argument: Array<string | number>;
  kinds?: readonly string[];
}

async function checkRefs(run: TxRun, refs: readonly RefCheck[], year: number | null, violations: Violation[]) {
  const byLabel = new Map<string, Set<string>>();
  for (const ref of refs) {
    const label = KIND_LABEL[ref.column.ref!];
    let codes = byLabel.get(label);
    if (!codes) byLabel.set(label, (codes = new Set()));
    codes.add(ref.code);
  }
  const found = new Map<string, { kind: string | null; years: Held }>();
  for (const [label, codes] of byLabel) {
    // The label comes from spec.ts's KIND_LABEL, never from input.
    const rows = await run<{ code: string; kind: string | null; years: number[] | null }>(
      "mutation.refs",
      `MATCH (t:${label}) WHERE t.code IN $codes RETURN t.code AS code, t.kind AS kind, t.years AS years`,
      { codes: [...codes] },
    );
    for (const r of rows) found.set(`${label}:${r.code}`, { kind: r.kind, years: r.years });
  }
  for (const ref of refs) {
    const target = found.get(`${KIND_LABEL[ref.column.ref!]}:${ref.code}`);
    const holds = target && (year === null || target.years === null || target.years.includes(year));
    if (!holds)
      violations.push({
        code: MutationCode.UNKNOWN_REFERENCE,
        argument: ref.argument,
        message: `unknown ${ref.column.name} ${ref.code}${target && year !== null ? ` in ${year}` : ""}`,
      });
    else if (ref.kinds && target.kind && !ref.kinds.includes(target.kind))
      violations.push({
        code: MutationCode.WRONG_REGION_KIND,
        argument: ref.argument,
        message: `${ref.column.name} ${ref.code} is a ${target.kind}, expected ${ref.kinds.join(" or ") || "no region"}`,
      });
  }
}

/** A value as the import file's cell would hold it. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(String).join(";");
  return String(value);
}

/** Whether a relationship holds in `year` (any, when null). */
const holdsIn = (props: Props, year: number | null) => {
  const years = props.years as number[] | null | undefined;
  return year === null || years === null || years === undefined || years.includes(year);
};

/** Node properties that are bookkeeping, not part of what the trail describes. */
const UNDESCRIBED = new Set(["searchText", "importStamp", "dependentCounts"]);

function clean(props: Props): Props {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !UNDESCRIBED.has(k)));
}

function linkPattern(link: LinkColumn, n: string, r: string, t: string): string {
  return link.incoming ? `(${n})<-[${r}:${link.type}]-(${t}:${link.to})` : `(${n})-[${r}:${link.type}]->(${t}:${link.to})`;
}

/** The statement reading a node of `kind` before a change: its properties, its links with theirs, the products its place touches. */
function nodeRead(kind: NodeKind): string {
  const links = Object.entries(kind.links)
    .map(([column, link]) => `${column}: [${linkPattern(link, "n", "r", "t")} | {target: t.code, props: properties(r)}]`)
    .join(", ");
  const products =
    kind.derived === "enterprise"
      ? `COLLECT { MATCH (n)-[:PRODUCES]->(p:Product) RETURN p.code AS code
           UNION MATCH (n)-[:PRODUCES]->(:Product)-[:REQUIRES]->(i:Product) RETURN i.code AS code
           UNION MATCH (n)-[l:SUPPLIES]-(:Enterprise) RETURN l.product AS code }`
      : kind.derived === "product"
        ? `[n.code] + [(n)-[:REQUIRES]->(i:Product) | i.code]`
        : "[]";
  return `OPTIONAL MATCH (n:${kind.label} {code: $code})
RETURN properties(n) AS props, {${links}} AS links, CASE WHEN n IS NULL THEN [] ELSE ${products} END AS products`;
}

/** The description of a node for the trail and the feed: its properties, and its links' targets in `year`. */
function describeNode(kind: NodeKind, props: Props, links: Record<string, Rel[]>, year: number | null): Props {
  const out = clean(props);
  for (const [field, column] of Object.entries(kind.fields)) {
    const link = kind.links[column];
    if (!link) continue;
    const targets = (links[column] ?? []).filter((r) => holdsIn(r.props, year)).map((r) => r.target);
    out[field] = link.many ? targets.sort() : (targets[0] ?? null);
  }
  return out;
}

async function planNode(
  run: TxRun,
  change: NodeChange,
  options: BatchOptions,
  at: Array<string | number>,
  violations: Violation[],
  refs: RefCheck[],
): Promise<Planned | undefined> {
  const kind = change.node;
  const code = String(change.input.code ?? "");
  const [row] = await run<{ props: Props | null; links: Record<string, Rel[]>; products: string[] }>(
    `mutation.read.${kind.type}`,
    nodeRead(kind),
    { code },
  );
  const before: NodeBefore = { props: row?.props ?? null, links: row?.links ?? {}, products: row?.products ?? [] };
  const { year, years: all } = options;
  const element = `${kind.type}:${code}`;
  const version = Number(before.props?.version ?? 0);
  const stale = staleVersion(element, version, change.expectedVersion, at);
  if (stale) {
    violations.push(stale);
    return undefined;
  }
  const describedBefore = before.props ? describeNode(kind, before.props, before.links, year) : null;

  if (change.close) {
    if (!before.props) {
      violations.push({ code: MutationCode.UNKNOWN_ELEMENT, argument: at, message: `unknown ${kind.type} ${code}` });
      return undefined;
    }
    const left = endedFrom((before.props.years as Held) ?? null, year, all);
    const statements =
      left === "gone"
        ? [
            {
              operation: `mutation.close.${kind.type}`,
              cypher: `MATCH (n:${kind.label} {code: $code}) DETACH DELETE n`,
              params: { code },
            },
          ]
        : [
            {
              operation: `mutation.close.${kind.type}`,
              cypher: `MATCH (n:${kind.label} {code: $code}) SET n.years = $years, n.version = $version`,
              params: { code, years: left, version: version + 1 },
            },
          ];
    const after =
      left === "gone" ? null : describeNode(kind, { ...before.props, years: left, version: version + 1 }, before.links, year);
    return {
      statements,
      entry: { operation: options.operation, element, subjects: [element], year, before: describedBefore, after },
      products: before.products,
      dependents: kind.derived === "product",
    };
  }

  // The row the change makes, as the import file would hold it: what is stored, with the input over it.
  const cells: Record<string, string> = { id: code };
  for (const [column, prop] of Object.entries(kind.props)) cells[column] = cell(before.props?.[prop]);
  for (const column of Object.keys(kind.links))
    cells[column] = cell((before.links[column] ?? []).filter((r) => holdsIn(r.props, year)).map((r) => r.target));
  const given = new Set<string>();
  for (const [field, column] of Object.entries(kind.fields)) {
    if (field === "code" || change.input[field] === undefined) continue;
    cells[column] = cell(change.input[field]);
    given.add(column);
  }
  const fieldOf = (column: string | undefined) =>
    column === undefined ? [] : [Object.entries(kind.fields).find(([, c]) => c === column)?.[0] ?? column];
  const count = violations.length;
  for (const v of rowViolations(kind.spec, cells))
    violations.push({ code: v.rule, argument: [...at, ...fieldOf(v.column)], message: v.message });
  for (const [j, a] of (change.attributes ?? []).entries()) {
    const problem =
      extraColumnProblem(a.key, kind.spec) ?? (kind.fields[a.key] ? { rule: "RESERVED_PROPERTY", message: "" } : undefined);
    if (problem)
      violations.push({
        code: problem.rule,
        argument: [...at, "attributes", j, "key"],
        message: `attribute "${a.key}" ${problem.rule === "BAD_PROPERTY_NAME" ? "is not a valid property name" : "shadows a reserved property"}`,
      });
  }
  for (const column of kind.spec.columns) {
    if (!column.ref || !given.has(column.name) || !cells[column.name]) continue;
    const kinds = column.regionKinds?.(cells);
    for (const target of splitList(cells[column.name]!))
      refs.push({ column, code: target, argument: [...at, ...fieldOf(column.name)], ...(kinds && { kinds }) });
  }
  if (violations.length > count) return undefined;

  // The node's properties after the change.
  const props: Props = { ...(before.props ?? {}), code };
  for (const [column, prop] of Object.entries(kind.props)) {
    if (!given.has(column)) continue;
    const value = cells[column]!;
    props[prop] = value === "" ? null : kind.numbers?.includes(column) ? Number(value) : value;
  }
  for (const a of change.attributes ?? []) props[a.key] = a.value === null ? null : extraValue(a.value);
  props.searchText = searchText(code, props.name as string | null, props.nameZh as string | null);
  props.years = heldFrom(before.props ? ((before.props.years as Held) ?? null) : undefined, year, all);
  props.version = version + 1;
  for (const key of Object.keys(props)) if (props[key] === null || isYearKey(key)) delete props[key];
  if (props.years === undefined) delete props.years;

  const statements: Planned["statements"] = [
    {
      operation: `mutation.write.${kind.type}`,
      cypher: `MERGE (n:${kind.label} {code: $code}) SET n = $props`,
      params: { code, props },
    },
  ];
  const links: Record<string, Rel[]> = { ...before.links };
  let moved = before.props === null || String(before.props.years) !== String(props.years);
  for (const [column, link] of Object.entries(kind.links)) {
    if (!given.has(column)) continue;
    const wanted = new Set(splitList(cells[column]!));
    const set: Rel[] = [];
    const gone: string[] = [];
    const kept: Rel[] = [];
    for (const r of before.links[column] ?? []) {
      if (wanted.has(r.target)) continue;
      if (!holdsIn(r.props, year) && !(year !== null && ((r.props.years as number[] | null) ?? all).some((y) => y >= year))) {
        kept.push(r);
        continue;
      }
      const left = endedFrom((r.props.years as Held) ?? null, year, all);
      if (left === "gone") gone.push(r.target);
      else {
        const next = { target: r.target, props: { ...r.props, years: left, version: Number(r.props.version ?? 0) + 1 } };
        set.push(next);
        kept.push(next);
      }
    }
    for (const target of wanted) {
      const old = (before.links[column] ?? []).find((r) => r.target === target);
      const years = heldFrom(old ? ((old.props.years as Held) ?? null) : undefined, year, all);
      if (old && String(old.props.years ?? null) === String(years)) {
        kept.push(old);
        continue;
      }
      const next = {
        target,
        props: withoutNulls({ ...(old?.props ?? {}), years, version: Number(old?.props.version ?? 0) + 1 }),
      };
      set.push(next);
      kept.push(next);
    }
    if (set.length === 0 && gone.length === 0) continue;
    moved = true;
    links[column] = kept;
    const pattern = linkPattern(link, "n", "r", "t");
    if (gone.length > 0)
      statements.push({
        operation: `mutation.unlink.${kind.type}`,
        cypher: `MATCH ${pattern} WHERE n.code = $code AND t.code IN $gone DELETE r`,
        params: { code, gone },
      });
    if (set.length > 0)
      statements.push({
        operation: `mutation.link.${kind.type}`,
        cypher: `MATCH (n:${kind.label} {code: $code}) UNWIND $set AS rel MATCH (t:${link.to} {code: rel.target})
MERGE ${link.incoming ? `(n)<-[r:${link.type}]-(t)` : `(n)-[r:${link.type}]->(t)`} SET r = rel.props`,
        params: { code, set },
      });
  }
  const subjects = [element];
  return {
    statements,
    entry: {
      operation: options.operation,
      element,
      subjects,
      year,
      before: describedBefore,
      after: describeNode(kind, props, links, year),
    },
    // A new entity has no products yet; a moved one touches those of its place.
    products: moved ? before.products : [],
    dependents: kind.derived === "product" && moved,
  };
}

/** The CONFLICT of a change made against \`expected\` when the element is at \`version\`; undefined when they agree (or none was sent). */
function staleVersion(
  element: string,
  version: number,
  expected: number | null | undefined,
  at: Array<string | number>,
): Violation | undefined {
  if (expected === undefined || expected === null || expected === version) return undefined;
  return {
    code: MutationCode.CONFLICT,
    argument: [...at, "expectedVersion"],
    message: `${element} is at version ${version}, not ${expected}: someone changed it since it was read`,
  };
}

const INDICATORS = FILES.find((f) => f.file === "indicators.csv")!;
/** An observation's input fields and their columns in indicators.csv; the first three are its subjects. */
const OBSERVATION_FIELDS: Record<string, string> = {
  region: "region_id",
  chain: "chain_id",
  industry: "industry_id",
  indicator: "indicator",
  year: "year",
  value: "value",
  unit: "unit",
  source: "source",
};
const SUBJECTS: Array<[string, Label]> = [
  ["region", Label.Region],
  ["chain", Label.IndustryChain],
  ["industry", Label.Industry],
];

async function planObservation(
  run: TxRun,
  change: ObservationChange,
  options: BatchOptions,
  at: Array<string | number>,
  violations: Violation[],
  refs: RefCheck[],
): Promise<Planned | undefined> {
  const cells: Record<string, string> = {};
  for (const [field, column] of Object.entries(OBSERVATION_FIELDS)) cells[column] = cell(change.input[field]);
  const count = violations.length;
  const fieldOf = (column: string | undefined) => Object.entries(OBSERVATION_FIELDS).find(([, c]) => c === column)?.[0];
  // A removal names its series and year only.
  const rules = rowViolations(INDICATORS, cells).filter(
    (v) => !change.remove || !["value", "source"].includes(fieldOf(v.column) ?? ""),
  );
  for (const v of rules)
    violations.push({ code: v.rule, argument: [...at, ...(v.column ? [fieldOf(v.column)!] : [])], message: v.message });
  if (violations.length > count) return undefined;
  const [region, chain, industry] = SUBJECTS.map(([field]) => cells[OBSERVATION_FIELDS[field]!] ?? "");
  const series = seriesKey(region!, chain!, industry!, cells.indicator!);
  const year = Number(cells.year);
  const [row] = await run<{ props: Props | null; unit: string | null; other: boolean }>(
    "mutation.read.Observation",
    `OPTIONAL MATCH (o:${OBSERVATION} {series: $series, year: $year})
     RETURN properties(o) AS props,
            head(COLLECT { MATCH (x:${OBSERVATION} {series: $series}) WHERE x.year <> $year RETURN x.unit }) AS unit,
            EXISTS { MATCH (x:${OBSERVATION} {series: $series}) WHERE x.year <> $year } AS other`,
    { series, year },
  );
  const old = row?.props ?? null;
  const element = `Indicator:${cells.indicator}@${region}/${chain}/${industry}:${year}`;
  const version = Number(old?.version ?? 0);
  const stale = staleVersion(element, version, change.expectedVersion, at);
  if (stale) {
    violations.push(stale);
    return undefined;
  }
  if (!change.remove && row?.other && (row.unit ?? "") !== cells.unit) {
    violations.push({
      code: "INCONSISTENT_UNIT",
      argument: [...at, "unit"],
      message: `unit ${cells.unit ? `"${cells.unit}"` : "empty"} differs from the same series' unit in its other years (${row.unit ? `"${row.unit}"` : "empty"})`,
    });
    return undefined;
  }
  for (const [field] of SUBJECTS) {
    const column = OBSERVATION_FIELDS[field]!;
    if (cells[column])
      refs.push({ column: INDICATORS.columns.find((c) => c.name === column)!, code: cells[column]!, argument: [...at, field] });
  }
  const subjects = SUBJECTS.filter(([field]) => cells[OBSERVATION_FIELDS[field]!]).map(
    ([field, label]) => `${label}:${cells[OBSERVATION_FIELDS[field]!]}`,
  );
  const statements: Planned["statements"] = [];
  let after: Props | null = null;
  if (change.remove) {
    if (!old) {
      violations.push({ code: MutationCode.UNKNOWN_ELEMENT, argument: at, message: `there is no ${element}` });
      return undefined;
    }
    statements.push({
      operation: "mutation.remove.Observation",
      cypher: `MATCH (o:${OBSERVATION} {series: $series, year: $year}) DETACH DELETE o`,
      params: { series, year },
    });
  } else {
    after = withoutNulls({
      ...(old ?? {}),
      series,
      year,
      indicator: cells.indicator,
      region: region || null,
      chain: chain || null,
      industry: industry || null,
      value: Number(cells.value),
      unit: cells.unit || null,
      source: cells.source,
      version: version + 1,
    });
    statements.push({
      operation: "mutation.set.Observation",
      cypher: `MERGE (o:${OBSERVATION} {series: $series, year: $year}) SET o = $props`,
      params: { series, year, props: after },
    });
    // Its links to its region, chain and industry, as the importer makes them (the labels are this module's).
    for (const [field, label] of SUBJECTS) {
      const code = cells[OBSERVATION_FIELDS[field]!];
      if (!code) continue;
      statements.push({
        operation: "mutation.observes",
        cypher: `MATCH (o:${OBSERVATION} {series: $series, year: $year}) MATCH (t:${label} {code: $code}) MERGE (o)-[:OBSERVES]->(t)`,
        params: { series, year, code },
      });
    }
  }
  const describe = (props: Props | null) => props && Object.fromEntries(Object.entries(props).filter(([k]) => k !== "series"));
  return {
    statements,
    entry: { operation: options.operation, element, subjects, year: options.year, before: describe(old), after: describe(after) },
    products: [],
    dependents: false,
  };
}

function withoutNulls(props: Props): Props {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null && v !== undefined));
}

async function planRel(
  run: TxRun,
  change: RelChange,
  options: BatchOptions,
  at: Array<string | number>,
  violations: Violation[],
  refs: RefCheck[],
): Promise<Planned | undefined> {
  const kind = change.rel;
  const { year, years: all } = options;
  const from = String(change.input[kind.from.field] ?? "");
  const to = String(change.input[kind.to.field] ?? "");
  const key = kind.key ? String(change.input[kind.key.field] ?? "") : null;
  const element = `${kind.type}:${from}>${to}${key === null ? "" : `:${key}`}`;
  const cells: Record<string, string> = { [kind.from.column]: from, [kind.to.column]: to };
  if (kind.key) cells[kind.key.column] = key!;
  if (kind.value && change.input[kind.value.field] !== undefined) cells[kind.value.column] = cell(change.input[kind.value.field]);
  const count = violations.length;
  const fieldOf = (column: string | undefined) =>
    [kind.from, kind.to, kind.key, kind.value].find((e) => e?.column === column)?.field ?? column;
  for (const v of rowViolations(kind.spec, cells))
    violations.push({ code: v.rule, argument: [...at, ...(v.column ? [fieldOf(v.column)!] : [])], message: v.message });
  if (violations.length > count) return undefined;

  const match = kind.key
    ? `MATCH (a:${kind.from.label} {code: $from})-[r:${kind.rel} {${kind.key.property}: $key}]->(b:${kind.to.label} {code: $to})`
    : `MATCH (a:${kind.from.label} {code: $from})-[r:${kind.rel}]->(b:${kind.to.label} {code: $to})`;
  const [row] = await run<{ props: Props }>(`mutation.read.${kind.type}`, `${match} RETURN properties(r) AS props`, {
    from,
    to,
    key,
  });
  const old = row?.props ?? null;
  const version = Number(old?.version ?? 0);
  const stale = staleVersion(element, version, change.expectedVersion, at);
  if (stale) {
    violations.push(stale);
    return undefined;
  }
  const ends: Array<[typeof kind.from, string]> = [
    [kind.from, from],
    [kind.to, to],
  ];
  if (kind.key) ends.push([kind.key, key!]);
  for (const [end, code] of ends) {
    const column = kind.spec.columns.find((c) => c.name === end.column)!;
    refs.push({ column, code, argument: [...at, end.field] });
  }
  const describe = (props: Props | null) =>
    props && {
      [kind.from.field]: from,
      [kind.to.field]: to,
      ...(kind.key && { [kind.key.field]: key }),
      ...clean(Object.fromEntries(Object.entries(props).filter(([k]) => k !== kind.key?.property))),
    };
  const subjects = ends.map(([end, code]) => `${end.label}:${code}`);
  const statements: Planned["statements"] = [];
  let after: Props | null;
  if (change.remove) {
    if (!old) {
      violations.push({ code: MutationCode.UNKNOWN_ELEMENT, argument: at, message: `there is no ${element}` });
      return undefined;
    }
    const left = endedFrom((old.years as Held) ?? null, year, all);
    if (left === "gone") {
      statements.push({ operation: `mutation.remove.${kind.type}`, cypher: `${match} DELETE r`, params: { from, to, key } });
      after = null;
    } else {
      let props: Props = { ...old, years: left, version: version + 1 };
      if (kind.value) props = endedValues(props, kind.value.property, old.years === null || old.years === undefined, left, all);
      statements.push({
        operation: `mutation.end.${kind.type}`,
        cypher: `${match} SET r = $props`,
        params: { from, to, key, props },
      });
      after = props;
    }
  } else {
    let props: Props = { ...(old ?? {}) };
    if (kind.key) props[kind.key.property] = key;
    const before = old ? ((old.years as Held) ?? null) : undefined;
    if (kind.value && cells[kind.value.column] !== undefined) {
      const value = cells[kind.value.column] === "" ? null : Number(cells[kind.value.column]);
      const next = withYearlyValue(props, kind.value.property, value, before, year, all);
      props = { ...next.props, years: next.years };
    } else props.years = heldFrom(before, year, all);
    props.version = version + 1;
    props = withoutNulls(props);
    const merge = kind.key
      ? `MATCH (a:${kind.from.label} {code: $from}) MATCH (b:${kind.to.label} {code: $to})
MERGE (a)-[r:${kind.rel} {${kind.key.property}: $key}]->(b) SET r = $props`
      : `MATCH (a:${kind.from.label} {code: $from}) MATCH (b:${kind.to.label} {code: $to})
MERGE (a)-[r:${kind.rel}]->(b) SET r = $props`;
    statements.push({ operation: `mutation.set.${kind.type}`, cypher: merge, params: { from, to, key, props } });
    after = props;
  }
  if (kind.derived?.link)
    return {
      statements,
      entry: { operation: options.operation, element, subjects, year, before: describe(old), after: describe(after) },
      products: [],
      dependents: false,
      link: { product: key!, supplier: from, customer: to, before: old, after },
    };
  const product = kind.derived ? { from, to, key }[kind.derived.end] : null;
  const products = product ? [product] : [];
  if (product && kind.derived?.withInputs) {
    const inputs = await run<{ code: string }>(
      "mutation.inputs",
      "MATCH (:Product {code: $code})-[:REQUIRES]->(i:Product) RETURN i.code AS code",
      { code: product },
    );
    products.push(...inputs.map((r) => r.code));
  }
  return {
    statements,
    entry: { operation: options.operation, element, subjects, year, before: describe(old), after: describe(after) },
    products,
    dependents: kind.derived?.dependents ?? false,
  };
}

import { Label, PLAN_ITEM_KINDS, REGION_KINDS, STAGES, type RegionKind } from "../vocabulary/model.js";

/** The kinds of entity a data set defines; each has its own id space. */
export type EntityKind = "region" | "industry" | "chain" | "product" | "cluster" | "enterprise" | "plan" | "planItem";

export const KIND_LABEL: Record<EntityKind, Label> = {
  region: Label.Region,
  industry: Label.Industry,
  chain: Label.IndustryChain,
  product: Label.Product,
  cluster: Label.Cluster,
  enterprise: Label.Enterprise,
  plan: Label.Plan,
  planItem: Label.PlanItem,
};

export interface Column {
  name: string;
  required?: boolean;
  /** The header may leave the column out (a column added to the format later); absent, its cells are empty. */
  optional?: boolean;
  /** `year`: an integer from YEAR_MIN to YEAR_MAX. `code`: text matching CODE. */
  type?: "text" | "number" | "year" | "code" | "enum" | "ref" | "refs";
  values?: readonly string[];
  ref?: EntityKind;
  /** For region references: the kinds the referenced region may have, given the row's cells. */
  regionKinds?: (cells: Record<string, string>) => readonly RegionKind[];
}

/**
 * The rules of the format, each with its code: the importer reports a broken rule's message on the
 * row's line; a mutation (src/graph/mutate) answers with its code as `extensions.code`, which the
 * service lets through to clients (src/server/errors.ts).
 */
export const RULES = [
  "MISSING_VALUE",
  "NOT_A_NUMBER",
  "NEGATIVE_VALUE",
  "NOT_A_YEAR",
  "NOT_A_CODE",
  "BAD_ENUM_VALUE",
  "NEEDS_NAME",
  "BAD_PROPERTY_NAME",
  "RESERVED_PROPERTY",
  "PROVINCE_WITH_PARENT",
  "SELF_REFERENCE",
  "TARGET_INDICATOR_NOT_TARGET",
  "TARGET_INDICATOR_INCOMPLETE",
  "INDICATOR_WITHOUT_SUBJECT",
  "INCONSISTENT_UNIT",
] as const;
export type Rule = (typeof RULES)[number];

/** A rule a row breaks: its code (\`rule\`), and the message the importer reports on the row's line. */
export interface Violation {
  rule: Rule;
  message: string;
}

const broken = (rule: Rule, message: string): Violation => ({ rule, message });

export interface FileSpec {
  file: string;
  optional?: boolean;
  /** The `id` column defines ids of this kind. */
  defines?: EntityKind;
  columns: readonly Column[];
  /** A row-level rule beyond single cells; returns the rule broken (its code, and a message) or undefined. */
  check?: (cells: Record<string, string>) => Violation | undefined;
  /**
   * Rows of a file without ids that must not repeat: `key` names the row's identity (undefined when
   * a cell it needs is missing), `what` describes it in the problem (`duplicate <what> (first on line N)`).
   */
  unique?: { key: (cells: Record<string, string>) => string | undefined; what: (cells: Record<string, string>) => string };
  /**
   * Cells that must agree across rows with the same `key` (a series' unit): `value` is the cell, `what`
   * names it in the problem.
   */
  consistent?: { key: (cells: Record<string, string>) => string | undefined; column: string };
  /** Graph properties this file's own columns own, beyond RESERVED_PROPERTIES: no extra column may take them. */
  reserved?: readonly string[];
}

/** The years an indicator or a target may name; so a series holds at most YEAR_MAX − YEAR_MIN + 1 values. */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2100;
export const MAX_SERIES_VALUES = YEAR_MAX - YEAR_MIN + 1;

/** An indicator code: a letter, then letters, digits, `_`, `.` or `-` (`OUTPUT_VALUE`). */
export const CODE = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/**
 * The identity of an indicator series: its region, chain and industry codes (empty when the row
 * leaves the cell empty) and its indicator, as one JSON text (unambiguous whatever the codes hold).
 */
export function seriesKey(region: string, chain: string, industry: string, indicator: string): string {
  return JSON.stringify([region, chain, industry, indicator]);
}

const seriesOf = (c: Record<string, string>) =>
  c.indicator ? seriesKey(c.region_id ?? "", c.chain_id ?? "", c.industry_id ?? "", c.indicator) : undefined;

/** How a series is named in a problem: `OUTPUT_VALUE of region SD, chain BIGDATA`. */
function seriesName(c: Record<string, string>): string {
  const parts = [
    c.region_id && `region ${c.region_id}`,
    c.chain_id && `chain ${c.chain_id}`,
    c.industry_id && `industry ${c.industry_id}`,
  ].filter(Boolean);
  return `${c.indicator} of ${parts.join(", ")}`;
}

const id: Column = { name: "id", required: true };
const names: readonly Column[] = [{ name: "name" }, { name: "name_zh" }];
const number = (name: string): Column => ({ name, type: "number" });

/** Allowed parents: a city's parent is a circle (or directly a province), a circle's parent is a province. */
const PARENT_KINDS: Record<string, readonly RegionKind[]> = {
  CITY: ["CIRCLE", "PROVINCE"],
  CIRCLE: ["PROVINCE"],
  PROVINCE: [],
};

/** Constant, so a row's check allocates nothing. */
const CITY_ONLY: readonly RegionKind[] = ["CITY"];

/** Every file of the format, in the order they are validated and written (definitions before references). */
export const FILES: readonly FileSpec[] = [
  {
    file: "regions.csv",
    defines: "region",
    columns: [
      id,
      ...names,
      { name: "kind", required: true, type: "enum", values: REGION_KINDS },
      { name: "parent_id", type: "ref", ref: "region", regionKinds: (c) => PARENT_KINDS[c.kind ?? ""] ?? [] },
    ],
    check: (c) =>
      c.kind === "PROVINCE" && c.parent_id ? broken("PROVINCE_WITH_PARENT", "a PROVINCE has no parent_id") : undefined,
  },
  { file: "industries.csv", optional: true, defines: "industry", columns: [id, ...names] },
  // `industry` becomes a reference when industries.csv is present (see the validator).
  { file: "chains.csv", defines: "chain", columns: [id, ...names, { name: "industry" }] },
  {
    file: "products.csv",
    defines: "product",
    columns: [
      id,
      { name: "chain_id", required: true, type: "ref", ref: "chain" },
      ...names,
      { name: "stage", required: true, type: "enum", values: STAGES },
    ],
  },
  {
    file: "product_inputs.csv",
    columns: [
      { name: "product_id", required: true, type: "ref", ref: "product" },
      { name: "input_id", required: true, type: "ref", ref: "product" },
    ],
    check: (c) =>
      c.product_id && c.product_id === c.input_id
        ? broken("SELF_REFERENCE", `product ${c.product_id} cannot require itself`)
        : undefined,
  },
  {
    file: "clusters.csv",
    defines: "cluster",
    columns: [
      id,
      ...names,
      { name: "city_id", required: true, type: "ref", ref: "region", regionKinds: () => CITY_ONLY },
      { name: "focus", type: "refs", ref: "chain" },
    ],
  },
  {
    file: "enterprises.csv",
    defines: "enterprise",
    columns: [
      id,
      ...names,
      { name: "city_id", required: true, type: "ref", ref: "region", regionKinds: () => CITY_ONLY },
      { name: "cluster_id", type: "ref", ref: "cluster" },
    ],
  },
  {
    file: "produces.csv",
    columns: [
      { name: "enterprise_id", required: true, type: "ref", ref: "enterprise" },
      { name: "product_id", required: true, type: "ref", ref: "product" },
      number("capacity"),
    ],
  },
  {
    file: "supply_links.csv",
    columns: [
      { name: "supplier_id", required: true, type: "ref", ref: "enterprise" },
      { name: "customer_id", required: true, type: "ref", ref: "enterprise" },
      { name: "product_id", required: true, type: "ref", ref: "product" },
      number("volume"),
    ],
    check: (c) =>
      c.supplier_id && c.supplier_id === c.customer_id
        ? broken("SELF_REFERENCE", `enterprise ${c.supplier_id} cannot supply itself`)
        : undefined,
  },
  {
    file: "plans.csv",
    optional: true,
    defines: "plan",
    columns: [
      id,
      ...names,
      { name: "region_id", required: true, type: "ref", ref: "region" },
      number("year_from"),
      number("year_to"),
    ],
  },
  {
    file: "plan_items.csv",
    optional: true,
    defines: "planItem",
    columns: [
      id,
      { name: "plan_id", required: true, type: "ref", ref: "plan" },
      { name: "kind", required: true, type: "enum", values: PLAN_ITEM_KINDS },
      ...names,
      { name: "chain_ids", type: "refs", ref: "chain" },
      { name: "region_ids", type: "refs", ref: "region" },
      { name: "industry_ids", type: "refs", ref: "industry" },
      number("target_value"),
      { name: "target_unit" },
      number("target_year"),
      // Added with indicators.csv; older data sets leave the column out.
      { name: "target_indicator", optional: true, type: "code" },
    ],
    check: (c) => {
      if (!c.target_indicator) return undefined;
      if (c.kind !== "TARGET")
        return broken("TARGET_INDICATOR_NOT_TARGET", `only a TARGET may name a target_indicator (this is a ${c.kind})`);
      if (!c.target_value || !c.target_year)
        return broken("TARGET_INDICATOR_INCOMPLETE", "a target_indicator needs target_value and target_year");
      const year = Number(c.target_year);
      if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX)
        return broken("NOT_A_YEAR", `target_year "${c.target_year}" is not a year from ${YEAR_MIN} to ${YEAR_MAX}`);
      return undefined;
    },
  },
  {
    file: "indicators.csv",
    optional: true,
    columns: [
      { name: "region_id", type: "ref", ref: "region" },
      { name: "chain_id", type: "ref", ref: "chain" },
      { name: "industry_id", type: "ref", ref: "industry" },
      { name: "indicator", required: true, type: "code" },
      { name: "year", required: true, type: "year" },
      { name: "value", required: true, type: "number" },
      { name: "unit" },
      { name: "source", required: true },
    ],
    check: (c) =>
      !c.region_id && !c.chain_id && !c.industry_id
        ? broken("INDICATOR_WITHOUT_SUBJECT", "needs region_id, chain_id or industry_id")
        : undefined,
    unique: {
      key: (c) => {
        const series = seriesOf(c);
        return series && c.year ? `${series}${c.year}` : undefined;
      },
      what: (c) => `value of ${seriesName(c)} for ${c.year}`,
    },
    consistent: { key: seriesOf, column: "unit" },
    reserved: ["indicator", "year", "value", "unit", "series", "region", "chain"],
  },
];

/** Graph properties that the standard columns own; an extra column may not overwrite them. */
export const RESERVED_PROPERTIES = new Set([
  "code",
  "name",
  "nameZh",
  "kind",
  "stage",
  "industry",
  "capacity",
  "volume",
  "product",
  "searchText",
  "yearFrom",
  "yearTo",
  "targetValue",
  "targetUnit",
  "targetYear",
  "targetIndicator",
  "years",
  "importStamp",
  "version",
]);

export const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Parses a number cell; undefined for an empty cell, NaN for a bad one. */
export function parseNumber(cell: string): number | undefined {
  if (cell === "") return undefined;
  return NUMBER.test(cell) ? Number(cell) : Number.NaN;
}

/** An extra column's cell as stored: plain decimals become numbers, anything else stays text. */
export function extraValue(cell: string): string | number {
  return PLAIN_NUMBER.test(cell) && Number.isFinite(Number(cell)) ? Number(cell) : cell;
}

/** Splits a `;`-separated list cell into trimmed, non-empty ids. */
export function splitList(cell: string): string[] {
  return cell
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

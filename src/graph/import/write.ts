import path from "node:path";
import type { Executor, Params } from "../db/executor.js";
import { Label, OBSERVATION, searchText } from "../vocabulary/model.js";
import { openCsv } from "./csv.js";
import { clearYears, yearKey, YEARLY_PROPERTY_OF, type YearlyProperty } from "../vocabulary/yearly.js";
import { extraValue, parseNumber, seriesKey, splitList, type FileSpec } from "./spec.js";
import { graphYears } from "./years.js";

type Cells = Record<string, string>;
type Row = Record<string, unknown>;

/** How one file becomes graph writes: rows to parameters, and the statements that consume a batch. */
interface FileWriter {
  toRow(cells: Cells, extras: Record<string, string | number>): Row;
  /** Statements run per batch, in one transaction. */
  statements: string[];
  /** Statements run per batch in a second pass over the file, after all of its nodes exist. */
  afterAll?: string[];
  /** The property of the row's relationship that is kept per year (src/graph/vocabulary/yearly.ts). */
  yearly?: YearlyProperty;
}

const orNull = (cell: string | undefined) => (cell ? cell : null);
const numberOrNull = (cell: string | undefined) => parseNumber(cell ?? "") ?? null;
const list = (cell: string | undefined) => (cell ? splitList(cell) : []);

/**
 * Records that element \`v\` (a node or relationship just merged) holds in \`$year\` (\`years\` stays sorted), for a yearly import,
 * and stamps it with the import (\`$stamp\`) so that the sweep after it (\`sweepYear\`) can tell what the
 * year's data set no longer holds. A timeless import (\`$year\` null) makes it hold in every year: no
 * \`years\`, no stamp.
 */
export const hold = (v: string) =>
  `${v}.years = CASE WHEN $year IS NULL THEN null WHEN ${v}.years IS NULL THEN [toInteger($year)]
     WHEN $year IN ${v}.years THEN ${v}.years
     ELSE [y IN ${v}.years WHERE y < $year] + toInteger($year) + [y IN ${v}.years WHERE y > $year] END,
   ${v}.importStamp = $stamp`;

/**
 * Whether this import is of element \`v\`'s latest year so far (or timeless, or of an element that is
 * timeless or new), so that its row's properties are the ones to keep: names, capacities and volumes are
 * the latest year's, whatever order the years are imported in (capacities and volumes are kept per
 * year as well: \`keepYearly\`). Evaluate it before \`hold\` adds the year.
 */
const newest = (v: string) => `($year IS NULL OR ${v}.years IS NULL OR all(y IN ${v}.years WHERE y <= $year))`;

/** After the MERGE of \`v\`: its row's properties (\`row.props\`) when this import is its latest year, and the year. */
const keepLatest = (v: string) => `WITH ${v}, row, ${newest(v)} AS newest
SET ${v} += CASE WHEN newest THEN row.props ELSE {} END, ${hold(v)}`;

/**
 * \`keepLatest\` for a relationship with a property kept per year: the year's own key too
 * (\`row.yearProps\`, made by \`yearProps\`), whatever the order of the imports.
 */
const keepYearly = (v: string) => `${keepLatest(v)}
SET ${v} += row.yearProps`;

/**
 * The per-year keys a row of a file with a yearly property sets: the year's value (null, which removes
 * the key, when the row gives none); a timeless import removes every year's, as its value now holds in
 * every year. Keys come from src/graph/vocabulary/yearly.ts, never from data.
 */
function yearProps(prop: YearlyProperty, props: Row, year: number | undefined, held: readonly number[]): Row {
  return year === undefined ? clearYears(held, [prop]) : { [yearKey(prop, year)]: props[prop] ?? null };
}

function node(label: Label): string {
  return `UNWIND $rows AS row MERGE (n:${label} {code: row.code})\n${keepLatest("n")}`;
}

/**
 * Makes \`n\`'s \`type\` relationships to \`to\` nodes those listed in \`row[key]\`: new ones merged,
 * unchanged ones left alone (so a repeated import changes nothing). Links no longer listed are removed
 * by a timeless import; a yearly import leaves them to the sweep, which takes the year away from them
 * (and removes only a timeless one here, as a year's data set contradicts it).
 * Labels and types come from this module's constants, never from data.
 */
function link(from: Label, type: string, to: Label, key: string, direction: "out" | "in" = "out"): string {
  const pattern = direction === "out" ? `(n)-[old:${type}]->(x:${to})` : `(n)<-[old:${type}]-(x:${to})`;
  const merge = direction === "out" ? `(n)-[r:${type}]->(t)` : `(n)<-[r:${type}]-(t)`;
  return `UNWIND $rows AS row
MATCH (n:${from} {code: row.code})
OPTIONAL MATCH ${pattern} WHERE NOT x.code IN row.${key} AND ($year IS NULL OR old.years IS NULL)
DELETE old
WITH DISTINCT n, row
UNWIND row.${key} AS target
MATCH (t:${to} {code: target})
MERGE ${merge}
SET ${hold("r")}`;
}

/** Links each observation of the batch to the region, chain or industry listed in `row[key]` (none or one). */
function observes(key: string, to: Label): string {
  return `UNWIND $rows AS row
MATCH (o:${OBSERVATION} {series: row.series, year: row.year})
UNWIND row.${key} AS target
MATCH (t:${to} {code: target})
MERGE (o)-[:OBSERVES]->(t)`;
}

function entity(cells: Cells, extras: Record<string, string | number>, props: Row): Row {
  return {
    code: cells.id,
    props: {
      ...extras,
      name: orNull(cells.name),
      nameZh: orNull(cells.name_zh),
      searchText: searchText(cells.id!, cells.name, cells.name_zh),
      ...props,
    },
  };
}

function writers(hasIndustries: boolean): Record<string, FileWriter> {
  return {
    "regions.csv": {
      toRow: (c, x) => ({ ...entity(c, x, { kind: c.kind }), parent: c.parent_id ? [c.parent_id] : [] }),
      statements: [node(Label.Region)],
      afterAll: [link(Label.Region, "PART_OF", Label.Region, "parent")],
    },
    "industries.csv": { toRow: (c, x) => entity(c, x, {}), statements: [node(Label.Industry)] },
    "chains.csv": {
      toRow: (c, x) => ({ ...entity(c, x, { industry: orNull(c.industry) }), industry: list(c.industry) }),
      statements: [
        node(Label.IndustryChain),
        // Without industries.csv an industry is a free label: it becomes an Industry named by itself.
        ...(hasIndustries
          ? []
          : [
              `UNWIND $rows AS row UNWIND row.industry AS label
               MERGE (i:Industry {code: label}) ON CREATE SET i.name = label, i.searchText = toLower(label)
               SET ${hold("i")}`,
            ]),
        link(Label.IndustryChain, "OF_INDUSTRY", Label.Industry, "industry"),
      ],
    },
    "products.csv": {
      toRow: (c, x) => ({ ...entity(c, x, { stage: c.stage }), chain: [c.chain_id] }),
      statements: [node(Label.Product), link(Label.Product, "IN_CHAIN", Label.IndustryChain, "chain")],
    },
    "product_inputs.csv": {
      toRow: (c, x) => ({ product: c.product_id, input: c.input_id, props: x }),
      statements: [
        `UNWIND $rows AS row
         MATCH (p:Product {code: row.product}) MATCH (i:Product {code: row.input})
         MERGE (p)-[r:REQUIRES]->(i)
         ${keepLatest("r")}`,
      ],
    },
    "clusters.csv": {
      toRow: (c, x) => ({ ...entity(c, x, {}), city: [c.city_id], focus: list(c.focus) }),
      statements: [
        node(Label.Cluster),
        link(Label.Cluster, "LOCATED_IN", Label.Region, "city"),
        link(Label.Cluster, "FOCUSES_ON", Label.IndustryChain, "focus"),
      ],
    },
    "enterprises.csv": {
      toRow: (c, x) => ({ ...entity(c, x, {}), city: [c.city_id], cluster: list(c.cluster_id) }),
      statements: [
        node(Label.Enterprise),
        link(Label.Enterprise, "LOCATED_IN", Label.Region, "city"),
        link(Label.Enterprise, "MEMBER_OF", Label.Cluster, "cluster"),
      ],
    },
    "produces.csv": {
      toRow: (c, x) => ({
        enterprise: c.enterprise_id,
        product: c.product_id,
        props: { ...x, capacity: numberOrNull(c.capacity) },
      }),
      statements: [
        `UNWIND $rows AS row
         MATCH (e:Enterprise {code: row.enterprise}) MATCH (p:Product {code: row.product})
         MERGE (e)-[r:PRODUCES]->(p)
         ${keepYearly("r")}`,
      ],
      yearly: YEARLY_PROPERTY_OF.PRODUCES,
    },
    "supply_links.csv": {
      toRow: (c, x) => ({
        supplier: c.supplier_id,
        customer: c.customer_id,
        product: c.product_id,
        props: { ...x, volume: numberOrNull(c.volume) },
      }),
      statements: [
        `UNWIND $rows AS row
         MATCH (s:Enterprise {code: row.supplier}) MATCH (c:Enterprise {code: row.customer})
         MERGE (s)-[r:SUPPLIES {product: row.product}]->(c)
         ${keepYearly("r")}`,
      ],
      yearly: YEARLY_PROPERTY_OF.SUPPLIES,
    },
    "plans.csv": {
      toRow: (c, x) => ({
        ...entity(c, x, { yearFrom: numberOrNull(c.year_from), yearTo: numberOrNull(c.year_to) }),
        region: [c.region_id],
      }),
      statements: [node(Label.Plan), link(Label.Plan, "ISSUED_FOR", Label.Region, "region")],
    },
    "plan_items.csv": {
      toRow: (c, x) => ({
        ...entity(c, x, {
          kind: c.kind,
          targetValue: numberOrNull(c.target_value),
          targetUnit: orNull(c.target_unit),
          targetYear: numberOrNull(c.target_year),
          // A data set without the column (the format before indicators.csv) leaves the stored one alone.
          ...(c.target_indicator !== undefined && { targetIndicator: orNull(c.target_indicator) }),
        }),
        plan: [c.plan_id],
        chains: list(c.chain_ids),
        regions: list(c.region_ids),
        industries: list(c.industry_ids),
      }),
      statements: [
        node(Label.PlanItem),
        link(Label.PlanItem, "HAS_ITEM", Label.Plan, "plan", "in"),
        link(Label.PlanItem, "CONCERNS", Label.IndustryChain, "chains"),
        link(Label.PlanItem, "CONCERNS", Label.Region, "regions"),
        link(Label.PlanItem, "CONCERNS", Label.Industry, "industries"),
      ],
    },
    "indicators.csv": {
      toRow: (c, x) => ({
        series: seriesKey(c.region_id ?? "", c.chain_id ?? "", c.industry_id ?? "", c.indicator!),
        year: Number(c.year),
        props: {
          ...x,
          indicator: c.indicator,
          region: orNull(c.region_id),
          chain: orNull(c.chain_id),
          industry: orNull(c.industry_id),
          value: numberOrNull(c.value),
          unit: orNull(c.unit),
          source: c.source,
        },
        regions: list(c.region_id),
        chains: list(c.chain_id),
        industries: list(c.industry_id),
      }),
      // One node per (series, year): re-importing a row updates it in place. The series' codes are
      // kept as properties (what the reads match on) and as links (for walking the graph).
      statements: [
        `UNWIND $rows AS row
         MERGE (o:${OBSERVATION} {series: row.series, year: row.year}) SET o += row.props`,
        observes("regions", Label.Region),
        observes("chains", Label.IndustryChain),
        observes("industries", Label.Industry),
      ],
    },
  };
}

/**
 * How a row of `file` becomes statement parameters (`cells` by column, `extras` the extra columns as
 * stored). The benchmark's bare loader uses it too, so both loaders write exactly the same rows.
 */
export function rowMapper(file: string): (cells: Cells, extras: Record<string, string | number>) => Row {
  const writer = writers(true)[file];
  if (!writer) throw new Error(`no writer for ${file}`);
  return writer.toRow;
}

export interface WriteProgress {
  file: string;
  /** Rows of `file` written so far (in its current pass). */
  rows: number;
  /** Rows written so far over all files, each row counted once (a file's second pass adds none). */
  done: number;
  /** The rows to write over all files, when the caller gave it (`options.total`). */
  total?: number;
}

export interface WriteOptions {
  batchSize?: number;
  /**
   * A yearly import: every element written holds in this year (and \`stamp\` marks it). Absent: the data
   * is timeless and holds in every year.
   */
  year?: { year: number; stamp: number };
  onProgress?: (p: WriteProgress) => void;
  /** Lines to leave out, per file (the rows validation rejected). */
  skip?: ReadonlyMap<string, ReadonlySet<number>>;
  /** The rows that will be written, for progress reports. */
  total?: number;
}

/**
 * Writes a validated data set with batched `UNWIND … MERGE`, file by file in dependency order. Each
 * batch is one transaction. Only call this after `validateDataSet` found no problem, or with its
 * rejected lines as `options.skip` (then every row left names only rows that are written too).
 */
export async function writeDataSet(
  executor: Executor,
  folder: string,
  files: readonly FileSpec[],
  options: WriteOptions = {},
): Promise<Record<string, number>> {
  const batchSize = options.batchSize ?? 5000;
  const table = writers(files.some((f) => f.file === "industries.csv"));
  // A timeless import removes the per-year values of the years the graph holds.
  const years = options.year ? [] : await graphYears(executor);
  const written: Record<string, number> = {};
  let done = 0;
  for (const spec of files) {
    const writer = table[spec.file]!;
    const known = new Set(spec.columns.map((c) => c.name));
    const skip = options.skip?.get(spec.file);
    const passes = writer.afterAll ? [writer.statements, writer.afterAll] : [writer.statements];
    for (const [pass, statements] of passes.entries()) {
      const csv = await openCsv(path.join(folder, spec.file));
      const extraColumns = csv.header.filter((h) => !known.has(h));
      let batch: Row[] = [];
      let count = 0;
      // One batch is written while the next is parsed: Neo4j works while Node reads the file.
      let inFlight: Promise<void> = Promise.resolve();
      const flush = async () => {
        if (batch.length === 0) return;
        const params: Params = { rows: batch, year: options.year?.year ?? null, stamp: options.year?.stamp ?? null };
        const size = batch.length;
        batch = [];
        await inFlight;
        inFlight = executor
          .writeAll(
            `import.${spec.file}`,
            statements.map((cypher) => ({ cypher, params })),
          )
          .then(() => {
            count += size;
            if (pass === 0) done += size;
            const progress: WriteProgress = { file: spec.file, rows: count, done };
            if (options.total !== undefined) progress.total = options.total;
            options.onProgress?.(progress);
          });
        // Surface a failure at the next flush, not as an unhandled rejection.
        inFlight.catch(() => undefined);
      };
      for await (const { cells, line } of csv.rows) {
        if (skip?.has(line)) continue;
        const extras: Record<string, string | number> = {};
        for (const column of extraColumns) if (cells[column]) extras[column] = extraValue(cells[column]!);
        const row = writer.toRow(cells, extras);
        if (writer.yearly) row.yearProps = yearProps(writer.yearly, row.props as Row, options.year?.year, years);
        batch.push(row);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      await inFlight;
      written[spec.file] = count;
    }
  }
  return written;
}

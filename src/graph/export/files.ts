import { splitList } from "../import/spec.js";
import { holds } from "../import/years.js";
import { Label } from "../vocabulary/model.js";
import { YEARLY_PROPERTY_OF } from "../vocabulary/yearly.js";
import type { Keyset } from "./pages.js";
import { BOOKKEEPING_PROPERTIES } from "./properties.js";
import {
  first,
  linked,
  nodeKeys,
  nodePages,
  OBSERVATION_KEYS,
  OBSERVATION_PAGES,
  relationshipKeys,
  relationshipPages,
  SUPPLY_LINKS,
  type RelationshipKind,
  type Row,
} from "./queries.js";

/** One row of an exported file: its standard columns' cells, and the properties its extra columns come from. */
export interface ExportItem {
  /** By column name; null or absent: an empty cell. */
  cells: Record<string, unknown>;
  props: Record<string, unknown>;
}

/** How the rows of one file of the format (src/graph/import/spec.ts) are read back from the graph. */
export interface FileReader {
  /** Properties the standard columns are written from (or that the import derives): never extra columns. */
  standard: ReadonlySet<string>;
  /** Cypher giving the DISTINCT property keys (`key`) of the elements the rows come from, in `$year`. */
  keys: string;
  pages: Keyset<Row>;
  item(row: Row): ExportItem;
}

const ENTITY = ["code", "name", "nameZh"];

/** A file whose rows are the nodes of `label`: `id`, `name`, `name_zh` and the cells `cells` makes. */
function entityFile(
  label: Label,
  own: readonly string[],
  links: Record<string, string>,
  cells: (props: Row, row: Row) => Record<string, unknown> = () => ({}),
): FileReader {
  return {
    standard: new Set([...ENTITY, ...own]),
    keys: nodeKeys(label),
    pages: nodePages(label, Object.fromEntries(Object.entries(links).map(([alias, pattern]) => [alias, linked(pattern)]))),
    item: (row) => {
      const props = row.props as Row;
      return { props, cells: { id: props.code, name: props.name, name_zh: props.nameZh, ...cells(props, row) } };
    },
  };
}

/** A file whose rows are the relationships of `kind`. */
function relationshipFile(
  kind: RelationshipKind,
  own: readonly string[],
  cells: (row: Row) => Record<string, unknown>,
): FileReader {
  return {
    standard: new Set(own),
    keys: relationshipKeys(kind),
    pages: relationshipPages(kind),
    item: (row) => ({ props: row.props as Row, cells: cells(row) }),
  };
}

const codes = (list: unknown) => (Array.isArray(list) ? list.join(";") : "");

/**
 * A chain's `industry` cell. The property is the cell of the chain's latest year (a free label, or
 * labels separated by `;`, without industries.csv), its OF_INDUSTRY links are the year's: the property
 * when it names exactly the year's links (so its text comes back as it was), else the year's links.
 */
export function industryCell(property: unknown, links: readonly string[]): string {
  const text = typeof property === "string" ? property : "";
  const named = [...new Set(splitList(text))].sort();
  const held = [...new Set(links)].sort();
  return named.length === held.length && named.every((code, i) => code === held[i]) ? text : held.join(";");
}

/** Every file of the format, by name: FILES (src/graph/import/spec.ts) says their order and columns. */
export const FILE_READERS: Readonly<Record<string, FileReader>> = {
  "regions.csv": entityFile(Label.Region, ["kind"], { parent: "(n)-[r:PART_OF]->(t:Region)" }, (p, row) => ({
    kind: p.kind,
    parent_id: first(row.parent),
  })),
  "industries.csv": entityFile(Label.Industry, [], {}),
  "chains.csv": entityFile(Label.IndustryChain, ["industry"], { industry: "(n)-[r:OF_INDUSTRY]->(t:Industry)" }, (p, row) => ({
    industry: industryCell(p.industry, row.industry as string[]),
  })),
  "products.csv": entityFile(Label.Product, ["stage"], { chain: "(n)-[r:IN_CHAIN]->(t:IndustryChain)" }, (p, row) => ({
    chain_id: first(row.chain),
    stage: p.stage,
  })),
  "product_inputs.csv": relationshipFile({ from: Label.Product, type: "REQUIRES", to: Label.Product }, [], (row) => ({
    product_id: row.from,
    input_id: row.to,
  })),
  "clusters.csv": entityFile(
    Label.Cluster,
    [],
    { city: "(n)-[r:LOCATED_IN]->(t:Region)", focus: "(n)-[r:FOCUSES_ON]->(t:IndustryChain)" },
    (_p, row) => ({ city_id: first(row.city), focus: codes(row.focus) }),
  ),
  "enterprises.csv": entityFile(
    Label.Enterprise,
    [],
    { city: "(n)-[r:LOCATED_IN]->(t:Region)", cluster: "(n)-[r:MEMBER_OF]->(t:Cluster)" },
    (_p, row) => ({ city_id: first(row.city), cluster_id: first(row.cluster) }),
  ),
  "produces.csv": relationshipFile(
    { from: Label.Enterprise, type: "PRODUCES", to: Label.Product, yearly: YEARLY_PROPERTY_OF.PRODUCES! },
    ["capacity"],
    (row) => ({ enterprise_id: row.from, product_id: row.to, capacity: row.value }),
  ),
  "supply_links.csv": relationshipFile(SUPPLY_LINKS, ["product", "volume"], (row) => ({
    supplier_id: row.from,
    customer_id: row.to,
    product_id: (row.props as Row).product,
    volume: row.value,
  })),
  "plans.csv": entityFile(Label.Plan, ["yearFrom", "yearTo"], { region: "(n)-[r:ISSUED_FOR]->(t:Region)" }, (p, row) => ({
    region_id: first(row.region),
    year_from: p.yearFrom,
    year_to: p.yearTo,
  })),
  "plan_items.csv": entityFile(
    Label.PlanItem,
    ["kind", "targetValue", "targetUnit", "targetYear", "targetIndicator"],
    {
      plan: "(n)<-[r:HAS_ITEM]-(t:Plan)",
      chains: "(n)-[r:CONCERNS]->(t:IndustryChain)",
      regions: "(n)-[r:CONCERNS]->(t:Region)",
      industries: "(n)-[r:CONCERNS]->(t:Industry)",
    },
    (p, row) => ({
      plan_id: first(row.plan),
      kind: p.kind,
      chain_ids: codes(row.chains),
      region_ids: codes(row.regions),
      industry_ids: codes(row.industries),
      target_value: p.targetValue,
      target_unit: p.targetUnit,
      target_year: p.targetYear,
      target_indicator: p.targetIndicator,
    }),
  ),
  "indicators.csv": {
    standard: new Set(["series", "year", "indicator", "region", "chain", "industry", "value", "unit", "source"]),
    keys: OBSERVATION_KEYS,
    pages: OBSERVATION_PAGES,
    item: (row) => {
      const p = row.props as Row;
      return {
        props: p,
        cells: {
          region_id: p.region,
          chain_id: p.chain,
          industry_id: p.industry,
          indicator: p.indicator,
          year: p.year,
          value: p.value,
          unit: p.unit,
          source: p.source,
        },
      };
    },
  },
};

/**
 * How many industries hold in `$year`, and how many of them are bare labels: made by a chain's free
 * `industry` label in a data set without industries.csv (named by their code, searched by it alone,
 * nothing else), and named by nothing but chains. When all are, the export writes no industries.csv,
 * so that the chains' labels make them again as they were.
 */
export const INDUSTRY_LABELS = {
  cypher: `MATCH (i:${Label.Industry}) WHERE ${holds("i")}
RETURN count(i) AS industries,
       count(CASE WHEN i.name = i.code AND i.nameZh IS NULL AND i.searchText = toLower(i.code)
                   AND all(k IN keys(i) WHERE k IN $labelKeys)
                   AND NOT EXISTS { MATCH (i)<-[:CONCERNS|OBSERVES]-() } THEN 1 END) AS labels`,
  params: { labelKeys: ["code", "name", ...BOOKKEEPING_PROPERTIES] },
};

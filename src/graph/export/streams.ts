import { holds } from "../import/years.js";
import { Label } from "../vocabulary/model.js";
import { yearValue } from "../vocabulary/yearly.js";
import type { Keyset } from "./pages.js";
import { attributesOf } from "./properties.js";
import { first, linked, nodePages, relationshipPages, SUPPLY_LINKS, type Row } from "./queries.js";
import { jsonValue } from "./values.js";

/**
 * The graph's main lists as JSON records, one per line (the `GET /export/<name>.ndjson` routes,
 * src/server/export-route.ts): each record says what the element is in the year read, with its
 * attributes (the properties an import stored from extra columns) as an object.
 */
export interface ExportStream {
  pages: Keyset<Row>;
  record(row: Row): Record<string, unknown>;
}

/** Properties a record has fields for, by kind: the rest are attributes. */
const ENTITY = new Set(["code", "name", "nameZh"]);
const PRODUCT = new Set([...ENTITY, "stage"]);
const LINK = new Set(["product", "volume"]);
const entity = (props: Row) => ({ code: props.code, name: props.name ?? null, nameZh: props.nameZh ?? null });

/** The year's capacity of each product the enterprise bound to `n` makes in the year. */
const PRODUCTS = `COLLECT { MATCH (n)-[r:PRODUCES]->(t:Product) WHERE ${holds("r", "t")}
         RETURN {product: t.code, capacity: ${yearValue("r", "capacity")}} ORDER BY t.code }`;

export const STREAMS = {
  /** `{code, name, nameZh, city, cluster, products: [{product, capacity}], attributes}` */
  enterprises: {
    pages: nodePages(Label.Enterprise, {
      city: linked("(n)-[r:LOCATED_IN]->(t:Region)"),
      cluster: linked("(n)-[r:MEMBER_OF]->(t:Cluster)"),
      products: PRODUCTS,
    }),
    record: (row) => {
      const props = row.props as Row;
      const products = (row.products as Row[]).map((p) => ({ product: p.product, capacity: jsonValue(p.capacity) }));
      return {
        ...entity(props),
        city: first(row.city),
        cluster: first(row.cluster),
        products,
        attributes: attributesOf(props, ENTITY),
      };
    },
  },
  /** `{code, name, nameZh, chain, stage, inputs: [code], attributes}` */
  products: {
    pages: nodePages(Label.Product, {
      chain: linked("(n)-[r:IN_CHAIN]->(t:IndustryChain)"),
      inputs: linked("(n)-[r:REQUIRES]->(t:Product)"),
    }),
    record: (row) => {
      const props = row.props as Row;
      return {
        ...entity(props),
        chain: first(row.chain),
        stage: props.stage ?? null,
        inputs: row.inputs,
        attributes: attributesOf(props, PRODUCT),
      };
    },
  },
  /** `{supplier, customer, product, volume, attributes}` */
  "supply-links": {
    pages: relationshipPages(SUPPLY_LINKS),
    record: (row) => {
      const props = row.props as Row;
      return {
        supplier: row.from,
        customer: row.to,
        product: props.product,
        volume: jsonValue(row.value),
        attributes: attributesOf(props, LINK),
      };
    },
  },
} satisfies Record<string, ExportStream>;

export type StreamName = keyof typeof STREAMS;
export const STREAM_NAMES = Object.keys(STREAMS) as StreamName[];

import type { Executor } from "./executor.js";
import { ALL_LABELS } from "../vocabulary/model.js";

/**
 * Schema statements, applied in order at every start. Each is idempotent (`IF NOT EXISTS`), so a
 * migration is only ever added to the end of this list, never edited in place.
 */
export const MIGRATIONS: readonly string[] = [
  ...ALL_LABELS.map((l) => `CREATE CONSTRAINT ${l.toLowerCase()}_code IF NOT EXISTS FOR (n:${l}) REQUIRE n.code IS UNIQUE`),
  ...ALL_LABELS.map((l) => `CREATE TEXT INDEX ${l.toLowerCase()}_search IF NOT EXISTS FOR (n:${l}) ON (n.searchText)`),
  "CREATE INDEX region_kind IF NOT EXISTS FOR (n:Region) ON (n.kind)",
  "CREATE INDEX product_stage IF NOT EXISTS FOR (n:Product) ON (n.stage)",
  "CREATE INDEX plan_item_kind IF NOT EXISTS FOR (n:PlanItem) ON (n.kind)",
  "CREATE INDEX supplies_product IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.product)",
  // Lucene's CJK analyzer indexes Chinese as overlapping bigrams and lower-cases Latin text, so one
  // index serves 济南 and "jinan" alike.
  `CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
     FOR (n:${ALL_LABELS.join("|")}) ON EACH [n.name, n.nameZh, n.code]
     OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'cjk' } }`,
  // API keys (src/auth/keys.ts): looked up by keyId on every request; names are unique for good.
  "CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.keyId IS UNIQUE",
  "CREATE CONSTRAINT api_key_name IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.name IS UNIQUE",
  // Indicator observations (indicators.csv): one per series and year; read by indicator.
  "CREATE CONSTRAINT observation_series_year IF NOT EXISTS FOR (o:Observation) REQUIRE (o.series, o.year) IS UNIQUE",
  "CREATE INDEX observation_indicator IF NOT EXISTS FOR (o:Observation) ON (o.indicator)",
  // The audit trail (src/graph/audit/trail.ts): one head, the lock every change takes; records by sequence.
  "CREATE CONSTRAINT audit_head_id IF NOT EXISTS FOR (h:AuditHead) REQUIRE h.id IS UNIQUE",
  "CREATE CONSTRAINT audit_record_seq IF NOT EXISTS FOR (a:AuditRecord) REQUIRE a.seq IS UNIQUE",
];

/** Applies every migration and waits until the indexes are online. */
export async function migrate(executor: Executor): Promise<void> {
  for (const statement of MIGRATIONS) {
    await executor.write("migrate", statement);
  }
  await executor.write("migrate.await", "CALL db.awaitIndexes(300)");
}

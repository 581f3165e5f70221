import type { Executor } from "../../src/graph/db/executor.js";

const text = (props: Record<string, unknown>) =>
  Object.keys(props)
    .sort()
    .map((k) => `${k}=${JSON.stringify(props[k])}`)
    .join(";");

/**
 * Everything in the database as sorted text lines (nodes and relationships with their properties), so
 * two snapshots are equal exactly when the graph is the same. Left out: when the derived data was last
 * recomputed (`DerivedState.refreshedAt`, src/graph/derived/derived.ts), which every import changes on
 * purpose, so that what is cached from derived data is read again, with its count of recomputations
 * and when its lease was last checked; and the audit trail
 * (src/graph/audit/trail.ts), to which every import adds its record on purpose.
 */
export async function snapshot(executor: Executor): Promise<string[]> {
  const nodes = await executor.read<{ labels: string[]; props: Record<string, unknown> }>(
    "test.snapshot.nodes",
    "MATCH (n) WHERE NOT n:AuditRecord AND NOT n:AuditHead RETURN labels(n) AS labels, properties(n) AS props",
  );
  const rels = await executor.read<{ from: string; type: string; to: string; props: Record<string, unknown> }>(
    "test.snapshot.rels",
    "MATCH (a)-[r]->(b) RETURN a.code AS from, type(r) AS type, b.code AS to, properties(r) AS props",
  );
  return [
    ...nodes.map((n) => {
      const props = { ...n.props };
      if (n.labels.includes("DerivedState")) {
        delete props.refreshedAt;
        delete props.recomputations;
        delete props.leaseCheckedAt;
      }
      return `(${n.labels.sort().join(":")} ${text(props)})`;
    }),
    ...rels.map((r) => `${r.from} -${r.type}-> ${r.to} ${text(r.props)}`),
  ].sort();
}

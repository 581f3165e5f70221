import type { Executor } from "./executor.js";
import type { Label } from "./model.js";

/** A small, unpaged one-to-many relation (a product's inputs, a region's children, …). */
export interface NeighbourSpec<T> {
  name: string;
  parentLabel: Label;
  /** A pattern from `parent` to `n`, optionally through a relationship `r`. Constant text. */
  pattern: string;
  item: string;
  toItem: (row: Record<string, unknown>) => T;
}

/** The neighbours of many parents in one round trip, ordered by code, in key order. */
export async function neighbours<T>(executor: Executor, spec: NeighbourSpec<T>, codes: readonly string[]): Promise<T[][]> {
  const rows = await executor.read<{ code: string; items: Array<Record<string, unknown>> }>(
    spec.name,
    `UNWIND $codes AS code
     MATCH (parent:${spec.parentLabel} {code: code})
     CALL {
       WITH parent
       MATCH ${spec.pattern}
       WITH * ORDER BY n.code
       RETURN collect(${spec.item}) AS items
     }
     RETURN code, items`,
    { codes },
  );
  const byCode = new Map(rows.map((r) => [r.code, r.items.map(spec.toItem)]));
  return codes.map((c) => byCode.get(c) ?? []);
}

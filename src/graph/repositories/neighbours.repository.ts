import type { Executor } from "../db/executor.js";
import { throughProps, type ListField, type OneField } from "../vocabulary/fields.js";
import { projection, toRecord } from "../vocabulary/records.js";

/**
 * The neighbours of many parents in one round trip, ordered by code, in key order: a list field
 * (a product's inputs, a region's children, …) or a one-entity field read without a code at hand.
 */
export async function neighbours(
  executor: Executor,
  name: string,
  parentLabel: string,
  spec: ListField | OneField,
  codes: readonly string[],
): Promise<unknown[][]> {
  const through = spec.kind === "list" ? spec.through : undefined;
  const node = projection(spec.target, "n");
  const item = through ? `{${through.as}: ${node}, ${through.props.map((p) => `${p}: r.${p}`).join(", ")}}` : node;
  const rows = await executor.read<{ code: string; items: Array<Record<string, unknown>> }>(
    name,
    `UNWIND $codes AS code
     MATCH (parent:${parentLabel} {code: code})
     CALL {
       WITH parent
       MATCH ${spec.pattern("parent", "n", "r")}
       WITH * ORDER BY n.code
       RETURN collect(${item}) AS items
     }
     RETURN code, items`,
    { codes },
  );
  const toItem = through
    ? (row: Record<string, unknown>) => ({
        ...throughProps(through, row),
        [through.as]: toRecord(spec.target, row[through.as] as Record<string, unknown>),
      })
    : (row: Record<string, unknown>) => toRecord(spec.target, row);
  const byCode = new Map(rows.map((r) => [r.code, r.items.map(toItem)]));
  return codes.map((c) => byCode.get(c) ?? []);
}

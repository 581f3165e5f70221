import { Kind, valueFromASTUntyped, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/**
 * The largest value a client gave argument `arg` of child field `field` anywhere in this field's
 * selection (aliases, fragments), or `fallback` when the child field is selected without it; undefined
 * when the child field is not selected. An analysis uses it to compute nested lists in the same round
 * trip instead of one query per parent.
 */
export function childFieldArgument(info: GraphQLResolveInfo, field: string, arg: string, fallback: number): number | undefined {
  let best: number | undefined;
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD && selection.name.value === field) {
        const node = selection.arguments?.find((a) => a.name.value === arg);
        const value = node ? Number(valueFromASTUntyped(node.value, info.variableValues)) : fallback;
        best = Math.max(best ?? 0, Number.isFinite(value) ? value : fallback);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return best;
}

/** True when the client selected child field `field` of this field (directly, or through fragments). */
export function selects(info: GraphQLResolveInfo, field: string): boolean {
  return childFieldArgument(info, field, "", 0) !== undefined;
}

/** The distinct string values the client gave argument `arg` of child fields `field` (variables and fragments followed). */
export function childFieldStrings(info: GraphQLResolveInfo, field: string, arg: string): string[] {
  const found = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD && selection.name.value === field) {
        const node = selection.arguments?.find((a) => a.name.value === arg);
        const value = node ? valueFromASTUntyped(node.value, info.variableValues) : undefined;
        if (typeof value === "string") found.add(value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return [...found];
}

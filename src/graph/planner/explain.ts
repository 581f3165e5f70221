import {
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { collectFields } from "graphql/execution/collectFields.js";
import { getVariableValues } from "graphql/execution/values.js";
import type { Params } from "../db/executor.js";
import { ALL_LABELS } from "../vocabulary/model.js";
import { declarationOf } from "./declarations.js";
import { Planner, type PlanStep } from "./plan.js";

/** How one planned root field of a document is read: its root set's types and the root columns, then its field statements by level. */
export interface ExplainedRoot {
  /** The response key (alias or name) of the root field. */
  key: string;
  field: string;
  types: readonly string[];
  /** The RETURN columns of the root statement (the statement around them is the root field's repository's). */
  columns: string;
  params: Params;
  steps: PlanStep[];
}

/**
 * The statements a read document is planned into, without running any: for every root field the
 * planner reads whole (a lookup, a list, `node`, `search`), its root set and the field statements it
 * runs, level by level. What tests/unit/planner-plans.test.ts pins for a reviewer, and what the bench
 * plans to measure planning apart from execution. Root fields the planner does not read whole
 * (analyses, `viewer`, …) are left out.
 */
export function explainRead(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}) {
  const operation = getOperationAST(document);
  if (!operation) throw new Error("the document has no single operation");
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  const vars = coerced.coerced;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const query = schema.getQueryType()!;
  const roots: ExplainedRoot[] = [];
  for (const [key, nodes] of collectFields(schema, fragments, vars, query, operation.selectionSet)) {
    const field = query.getFields()[nodes[0]!.name.value];
    if (!field || declarationOf(field)?.root !== "planned") continue;
    const planner = new Planner(schema, fragments, vars).inYearOf("$year");
    const named = getNamedType(field.type);
    let types: readonly string[];
    let set;
    if (isInterfaceType(named) || isUnionType(named)) {
      // `node(id:)`, or a subgraph's `_entities`, which reads each representation's type in a batch of its own.
      types = isUnionType(named) ? named.getTypes().map((t) => t.name) : ALL_LABELS;
      set = planner.root("roots", types, [{ path: key, nodes }]);
    } else if (isObjectType(named) && named.getFields().nodes) {
      // A connection (`enterprises`, `regions`, …): its items are the roots.
      const { items } = planner.connectionParts(named, nodes, key);
      types = [getNamedType(named.getFields().nodes!.type).name];
      set = planner.root("roots", types, items);
    } else if (isObjectType(named) && named.getFields().node && named.getFields().score) {
      // `search`: the hits' nodes.
      const occurrences = [...planner.subfields(named, nodes)]
        .filter(([, n]) => n[0]!.name.value === "node")
        .map(([k, n]) => ({ path: `${key}/${k}`, nodes: n }));
      types = ALL_LABELS;
      set = planner.root("roots", types, occurrences);
    } else {
      types = [(named as GraphQLObjectType).name];
      set = planner.root("roots", types, [{ path: key, nodes }]);
    }
    const { columns } = planner.compile();
    roots.push({ key, field: field.name, types: set.types, columns, params: planner.params, steps: planner.steps() });
  }
  return roots;
}

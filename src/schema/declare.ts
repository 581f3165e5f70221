import { Extensions } from "type-graphql";
import { DECLARED, type Declaration } from "../graph/planner/declarations.js";

/**
 * Declares what the planner and the cost need to know of a field, beside its `@Query`, `@Field` or
 * `@FieldResolver` (the facts are described in src/graph/planner/declarations.ts):
 *
 *   @Query(() => [ShortBoard], { description: "…" })
 *   @Declare({ root: "analysis" })
 *
 * type-graphql keeps it in the field's `extensions` on the built schema, where the planner and the
 * cost read it: the schema itself carries the facts, and no list beside it can fall out of step.
 */
export function Declare(declaration: Declaration): MethodDecorator & PropertyDecorator {
  return Extensions({ [DECLARED]: declaration });
}

import { MaxLength, MinLength, Max, Min } from "class-validator";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, ArgsType, Ctx, Field, ID, Info, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { ALL_LABELS, type Label } from "../graph/model.js";
import { parseGlobalId, TYPENAME } from "../graph/records.js";
import { searchEntities } from "../graph/search.repository.js";
import { Node } from "../schema/node.interface.js";
import { SearchHit } from "../schema/search.type.js";
import { findOne, searchPlan } from "./graph-field.js";

@ArgsType()
class SearchArgs {
  @Field(() => String, { description: "Words or characters of a name, English or Chinese." })
  @MinLength(1)
  @MaxLength(100)
  text!: string;

  @Field(() => Int, { defaultValue: 20 })
  @Min(1)
  @Max(100)
  first: number = 20;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any entity by its global id; null when unknown." })
  node(@Arg("id", () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const parsed = parseGlobalId(id);
    const label = ALL_LABELS.find((l: Label) => TYPENAME[l] === parsed?.typename);
    return parsed && label ? findOne(ctx, info, label, parsed.code) : null;
  }

  @Query(() => [SearchHit], { description: "Full-text search over the names of all entities, best first." })
  search(@Args(() => SearchArgs) { text, first }: SearchArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return searchEntities(ctx.executor, text, first, searchPlan(ctx, info));
  }
}

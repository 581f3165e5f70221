import { MaxLength, MinLength, Max, Min } from "class-validator";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, ArgsType, Ctx, Field, ID, Info, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { ALL_LABELS, type Label } from "../graph/vocabulary/model.js";
import { parseGlobalId, TYPENAME } from "../graph/vocabulary/records.js";
import { searchEntities } from "../graph/repositories/search.repository.js";
import { Node } from "../schema/node.interface.js";
import { SearchHit } from "../schema/search.type.js";
import { YearArgs } from "../schema/year.args.js";
import { findOne } from "./graph-field.js";
import { planSearch } from "../graph/planner/roots.js";
import { readYear } from "./year.js";
import { Declare } from "../schema/declare.js";

@ArgsType()
class SearchArgs {
  @Field(() => String, {
    description:
      "Words or characters of a name, English or Chinese, as plain text: a hit's name has at least one of the words. " +
      "Lucene's operators and special characters (AND, OR, NOT, && || ! + - ( ) { } [ ] ^ \" ~ * ? : \\ /) are text here, not syntax. " +
      "At most 100 characters; text with nothing to search for (only spaces or control characters) is refused with BAD_USER_INPUT.",
  })
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
  @Declare({ root: "planned" })
  node(
    @Arg("id", () => ID) id: string,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const parsed = parseGlobalId(id);
    const label = ALL_LABELS.find((l: Label) => TYPENAME[l] === parsed?.typename);
    return parsed && label ? findOne(ctx, info, label, parsed.code, year) : null;
  }

  @Query(() => [SearchHit], { description: "Full-text search over the names of all entities, best first." })
  @Declare({ root: "planned" })
  async search(
    @Args(() => SearchArgs) { text, first }: SearchArgs,
    @Args(() => YearArgs) { year: asked }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const year = await readYear(ctx, asked);
    return searchEntities(ctx.executor, text, first, ctx.planner ? planSearch(info, year) : undefined, year);
  }
}

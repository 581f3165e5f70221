import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { readTrail, trailEnd, type AuditFilter, type AuditRecord } from "../graph/audit/trail.js";
import { decodeCursor, encodeCursor, type Page } from "../graph/vocabulary/paging.js";
import {
  AuditFilterInput,
  AuditRecordConnection,
  AuditRecordType,
  ChangesPageArgs,
  GraphChangeConnection,
  MAX_CHANGES_PAGE,
} from "../schema/audit.type.js";
import { toConnection } from "../schema/connection.js";
import { Declare } from "../schema/declare.js";
import { Enterprise } from "../schema/enterprise.type.js";
import { badInput } from "../errors.js";
import { toChange } from "./mutation.resolver.js";

/** The `seq` a feed or trail cursor stands for; null without one. */
function afterSeq(after: string | null | undefined): number | null {
  const key = decodeCursor(after);
  if (key === null) return null;
  const seq = Number(key);
  if (!Number.isSafeInteger(seq) || seq < 0) throw badInput(`"${after}" is not a cursor of the change feed`, "after");
  return seq;
}

/** A page of the trail: one more than `first` is read, to know whether another page follows. */
async function trailPage<T>(
  ctx: Context,
  filter: AuditFilter,
  first: number,
  after: string | null | undefined,
  shape: (r: AuditRecord) => T,
  newestFirst = false,
): Promise<Page<T>> {
  const records = await readTrail(ctx.executor, filter, first + 1, afterSeq(after), newestFirst);
  const page = records.slice(0, first);
  return {
    nodes: page.map(shape),
    cursors: page.map((r) => encodeCursor(String(r.seq))),
    hasNextPage: records.length > first,
    hasPreviousPage: after !== null && after !== undefined,
    totalCount: async () => (await readTrail(ctx.executor, filter, Number.MAX_SAFE_INTEGER, null)).length,
  };
}

const asAuditRecord = (r: AuditRecord): AuditRecordType => ({ ...toChange(r), ...r });

@Resolver()
export class AuditResolver {
  @Query(() => GraphChangeConnection, {
    description:
      "The change feed: every change to the graph in commit order, after the cursor `after`. A service keeps a copy current by reading it from where it stopped (`pageInfo.endCursor`); an `import` change means: read again.",
  })
  @Declare({ root: "resolver" })
  async graphChanges(@Args(() => ChangesPageArgs) { first, after }: ChangesPageArgs, @Ctx() ctx: Context) {
    return toConnection(await trailPage(ctx, {}, first, after, toChange));
  }

  @Query(() => String, {
    nullable: true,
    description:
      "Where the change feed ends now: the cursor of its latest change (null before any). A copy made from reads taken after this answer is kept current by `graphChanges(after:)` from it.",
  })
  @Declare({ root: "resolver" })
  async graphChangesEnd(@Ctx() ctx: Context): Promise<string | null> {
    const seq = await trailEnd(ctx.executor);
    return seq > 0 ? encodeCursor(String(seq)) : null;
  }

  @Authorized("admin")
  @Query(() => AuditRecordConnection, {
    description: "The audit trail, oldest first, with who made each change and the hash chain (admin only).",
  })
  @Declare({ root: "resolver" })
  async auditLog(
    @Arg("filter", () => AuditFilterInput, { nullable: true }) filter: AuditFilterInput | null,
    @Args(() => ChangesPageArgs) { first, after }: ChangesPageArgs,
    @Ctx() ctx: Context,
  ) {
    return toConnection(await trailPage(ctx, filter ?? {}, first, after, asAuditRecord));
  }
}

@Resolver(() => Enterprise)
export class EnterpriseHistoryResolver {
  @Authorized("editor")
  @FieldResolver(() => [AuditRecordType], {
    description:
      "The enterprise's history, newest first: the audit records of its changes and of its products, supply links and cluster (editors and admins).",
  })
  async history(
    @Root() enterprise: Enterprise,
    @Arg("first", () => Int, { defaultValue: 20, description: `At most this many records, 1 to ${MAX_CHANGES_PAGE}.` })
    first: number,
    @Ctx() ctx: Context,
  ): Promise<AuditRecordType[]> {
    if (first < 1 || first > MAX_CHANGES_PAGE) throw badInput(`first must be 1 to ${MAX_CHANGES_PAGE}`, "first");
    const records = await readTrail(ctx.executor, { element: `Enterprise:${enterprise.code}` }, first, null, true);
    return records.map(asAuditRecord);
  }
}

import { Arg, Authorized, Ctx, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { badInput } from "../errors.js";
import type { AuditRecord } from "../graph/audit/trail.js";
import { yearOf } from "../graph/import/years.js";
import { applyChanges, type Change } from "../graph/mutate/apply.js";
import {
  CLUSTER,
  ENTERPRISE,
  PLAN_ITEM,
  PRODUCES,
  PRODUCT,
  REQUIRES,
  SUPPLIES,
  type NodeKind,
} from "../graph/mutate/elements.js";
import type { Label } from "../graph/vocabulary/model.js";
import { Declare } from "../schema/declare.js";
import {
  ClustersPayload,
  EnterprisesPayload,
  IndicatorsPayload,
  ProducesPayload,
  SupplyLinksPayload,
  PlanItemsPayload,
  ProductsPayload,
  type GraphChange,
} from "../schema/audit.type.js";
import {
  ClusterInput,
  ClusterMemberInput,
  EnterpriseInput,
  IndicatorValueInput,
  PlanItemInput,
  ProducesInput,
  ProductInput,
  ProductInputLinkInput,
  SupplyLinkInput,
} from "../schema/mutation.input.js";

/** What one item of a batch counts toward a request's cost (src/graph/planner/cost.ts). */
const WRITES = 10;

const YEAR = {
  nullable: true,
  description: "The year the change holds from (earlier years keep their state); by default the latest year the graph holds.",
} as const;

/** A trail record as the feed shows it. */
export function toChange(record: AuditRecord): GraphChange {
  return {
    seq: record.seq,
    at: record.at,
    operation: record.operation,
    element: record.element,
    subjects: record.subjects,
    year: record.year,
    after: record.after,
  };
}

/**
 * The mutations: thin, each turning its input into changes of the elements declared in
 * src/graph/mutate/elements.ts and handing them to the engine (src/graph/mutate/apply.ts), which
 * validates, writes, updates the derived data and audits them in one transaction. Editors and admins only.
 */
@Resolver()
export class MutationResolver {
  @Authorized("editor")
  @Mutation(() => EnterprisesPayload, {
    description: "Creates or changes enterprises (code, names, city, cluster, attributes), from `year` on.",
  })
  @Declare({ writes: WRITES })
  async upsertEnterprises(
    @Arg("input", () => [EnterpriseInput]) input: EnterpriseInput[],
    @Arg("year", () => Int, YEAR) year: number | null,
    @Ctx() ctx: Context,
  ): Promise<EnterprisesPayload> {
    const changes = input.map((i) => nodeChange(ENTERPRISE, i));
    const records = await run(ctx, "upsertEnterprises", "input", changes, asked(year));
    return {
      changes: records,
      enterprises: await entities(
        ctx,
        ENTERPRISE,
        input.map((i) => i.code),
      ),
    };
  }

  @Authorized("editor")
  @Mutation(() => EnterprisesPayload, {
    description:
      "The enterprises hold no longer from `year` on (earlier years keep them). On a graph without years they are removed.",
  })
  @Declare({ writes: WRITES })
  async closeEnterprises(
    @Arg("codes", () => [String]) codes: string[],
    @Arg("year", () => Int) year: number,
    @Ctx() ctx: Context,
  ): Promise<EnterprisesPayload> {
    const records = await close(ctx, "closeEnterprises", ENTERPRISE, codes, year);
    return { changes: records, enterprises: await entities(ctx, ENTERPRISE, codes) };
  }

  @Authorized("editor")
  @Mutation(() => ProducesPayload, {
    description:
      "Sets (or, with `remove`, ends) what enterprises make and their capacities, from `year` on. Returns the enterprises.",
  })
  @Declare({ writes: WRITES })
  async setProduces(
    @Arg("input", () => [ProducesInput]) input: ProducesInput[],
    @Arg("year", () => Int, YEAR) year: number | null,
    @Ctx() ctx: Context,
  ): Promise<ProducesPayload> {
    const changes: Change[] = input.map(({ remove, expectedVersion, ...rest }) => ({
      rel: PRODUCES,
      input: rest,
      remove,
      expectedVersion,
    }));
    const records = await run(ctx, "setProduces", "input", changes, asked(year));
    return {
      changes: records,
      enterprises: await entities(
        ctx,
        ENTERPRISE,
        input.map((i) => i.enterprise),
      ),
    };
  }

  @Authorized("editor")
  @Mutation(() => SupplyLinksPayload, {
    description: "Sets (or, with `remove`, ends) supply links and their volumes, from `year` on. Returns the customers.",
  })
  @Declare({ writes: WRITES })
  async setSupplyLinks(
    @Arg("input", () => [SupplyLinkInput]) input: SupplyLinkInput[],
    @Arg("year", () => Int, YEAR) year: number | null,
    @Ctx() ctx: Context,
  ): Promise<SupplyLinksPayload> {
    const changes: Change[] = input.map(({ remove, expectedVersion, ...rest }) => ({
      rel: SUPPLIES,
      input: rest,
      remove,
      expectedVersion,
    }));
    const records = await run(ctx, "setSupplyLinks", "input", changes, asked(year));
    return {
      changes: records,
      enterprises: await entities(
        ctx,
        ENTERPRISE,
        input.map((i) => i.customer),
      ),
    };
  }

  @Authorized("editor")
  @Mutation(() => ProductsPayload, {
    description: "Creates or changes products (names, chain, stage, attributes), from `year` on.",
  })
  @Declare({ writes: WRITES })
  async upsertProducts(
    @Arg("input", () => [ProductInput]) input: ProductInput[],
    @Arg("year", () => Int, YEAR) year: number | null,
    @Ctx() ctx: Context,
  ): Promise<ProductsPayload> {
    const records = await run(
      ctx,
      "upsertProducts",
      "input",
      input.map((i) => nodeChange(PRODUCT, i)),
      asked(year),
    );
    return {
      changes: records,
      products: await entities(
        ctx,
        PRODUCT,
        input.map((i) => i.code),
      ),
    };
  }

  @Authorized("editor")
  @Mutation(() => ProductsPayload, {
    description: "The products hold no longer from `year` on; removed on a graph without years.",
  })
  @Declare({ writes: WRITES })
  async closeProducts(
    @Arg("codes", () => [String]) codes: string[],
    @Arg("year", () => Int) year: number,
    @Ctx() ctx: Context,
  ): Promise<ProductsPayload> {
    const records = await close(ctx, "closeProducts", PRODUCT, codes, year);
    return { changes: records, products: await entities(ctx, PRODUCT, codes) };
  }

  @Authorized("editor")
  @Mutation(() => ProductsPayload, { description: "Sets (or, with `remove`, ends) the inputs products require, from `year` on." })
  @Declare({ writes: WRITES })
  async setProductInputs(
    @Arg("input", () => [ProductInputLinkInput]) input: ProductInputLinkInput[],
    @Arg("year", () => Int, YEAR) year: number | null,
    @Ctx() ctx: Context,
  ): Promise<ProductsPayload> {
    const changes: Change[] = input.map(({ remove, expectedVersion, ...rest }) => ({
      rel: REQUIRES,
      input: rest,
      remove,
      expectedVersion,
    }));
    const records = await run(ctx, "setProductInputs", "input", changes, asked(year));
    return {
      changes: records,
      products: await entities(
        ctx,
        PRODUCT,
        input.map((i) => i.product),
      ),
    };
  }

  @Authorized("editor")
  @Mutation(() => ClustersPayload, {
    description: "Creates or changes clusters (names, city, focus chains, attributes), from `year` on.",
  })
  @Declare({ writes: WRITES })
  async upsertClusters(
    @Arg("input", () => [ClusterInput]) input: ClusterInput[],
    @Arg("year", () => Int, YEAR) year: number | null,
    @Ctx() ctx: Context,
  ): Promise<ClustersPayload> {
    const records = await run(
      ctx,
      "upsertClusters",
      "input",
      input.map((i) => nodeChange(CLUSTER, i)),
      asked(year),
    );
    return {
      changes: records,
      clusters: await entities(
        ctx,
        CLUSTER,
        input.map((i) => i.code),
      ),
    };
  }

  @Authorized("editor")
  @Mutation(() => EnterprisesPayload, {
    description:
      "Puts enterprises in a cluster (or, with `remove`, takes them out of theirs), from `year` on. Returns the enterprises.",
  })
  @Declare({ writes: WRITES })
  async setClusterMembers(
    @Arg("input", () => [ClusterMemberInput]) input: ClusterMemberInput[],
    @Arg("year", () => Int, YEAR) year: number | null,
    @Ctx() ctx: Context,
  ): Promise<EnterprisesPayload> {
    // Membership is the enterprise's cluster (one at most, as in enterprises.csv).
    const changes: Change[] = input.map((i) => ({
      node: ENTERPRISE,
      input: { code: i.enterprise, cluster: i.remove ? null : i.cluster },
      expectedVersion: i.expectedVersion ?? null,
    }));
    const records = await run(ctx, "setClusterMembers", "input", changes, asked(year));
    return {
      changes: records,
      enterprises: await entities(
        ctx,
        ENTERPRISE,
        input.map((i) => i.enterprise),
      ),
    };
  }

  @Authorized("editor")
  @Mutation(() => PlanItemsPayload, { description: "Creates or changes plan items, from `year` on." })
  @Declare({ writes: WRITES })
  async upsertPlanItems(
    @Arg("input", () => [PlanItemInput]) input: PlanItemInput[],
    @Arg("year", () => Int, YEAR) year: number | null,
    @Ctx() ctx: Context,
  ): Promise<PlanItemsPayload> {
    const records = await run(
      ctx,
      "upsertPlanItems",
      "input",
      input.map((i) => nodeChange(PLAN_ITEM, i)),
      asked(year),
    );
    return {
      changes: records,
      planItems: await entities(
        ctx,
        PLAN_ITEM,
        input.map((i) => i.code),
      ),
    };
  }

  @Authorized("editor")
  @Mutation(() => IndicatorsPayload, {
    description:
      "Sets (or, with `remove`, takes away) indicator values, each in its own year, validated as rows of indicators.csv.",
  })
  @Declare({ writes: WRITES })
  async setIndicators(
    @Arg("input", () => [IndicatorValueInput]) input: IndicatorValueInput[],
    @Ctx() ctx: Context,
  ): Promise<IndicatorsPayload> {
    const changes: Change[] = input.map(({ remove, expectedVersion, ...rest }) => ({
      observation: true,
      input: rest,
      remove,
      expectedVersion: expectedVersion ?? null,
    }));
    // Each value names its own year.
    return { changes: await run(ctx, "setIndicators", "input", changes, () => null) };
  }
}

type NodeInput = {
  code: string;
  attributes?: Array<{ key: string; value: string | null }> | null;
  expectedVersion?: number | null;
};

function nodeChange(node: NodeKind, input: NodeInput): Change {
  const { attributes, expectedVersion, ...fields } = input;
  return { node, input: fields, attributes: attributes ?? null, expectedVersion: expectedVersion ?? null };
}

/**
 * Hands a batch to the engine, as the viewer in this request: \`from\` picks the year the changes hold
 * from out of the graph's years (the one asked, by default the latest; see \`yearOf\`).
 */
async function run(
  ctx: Context,
  operation: string,
  argument: string,
  changes: Change[],
  from: (years: number[]) => number | null,
): Promise<GraphChange[]> {
  const years = await ctx.executor.heldYears();
  const result = await applyChanges(ctx.executor, changes, {
    operation,
    argument,
    year: from(years),
    years,
    actor: { viewer: ctx.viewer.id, requestId: ctx.requestId },
  });
  ctx.logger.info({ operation, changes: result.records.length }, "graph changed");
  return result.records.map(toChange);
}

/** The change holds from the year asked, by default the latest. */
const asked = (year: number | null) => (years: number[]) => yearOf(years, year);

/** Closing holds from a year of the graph's; on a graph without years it removes. */
function close(ctx: Context, operation: string, node: NodeKind, codes: string[], year: number) {
  const changes: Change[] = codes.map((code) => ({ node, input: { code }, close: true }));
  return run(ctx, operation, "codes", changes, (years) => {
    if (years.length === 0) return null;
    if (!years.includes(year)) throw badInput(`The graph holds no data for ${year}; it holds ${years.join(", ")}`, "year");
    return year;
  });
}

/** The entities as they stand now, in the order asked (null: removed). */
async function entities<T>(ctx: Context, node: NodeKind, codes: string[]): Promise<Array<T | null>> {
  const loaded = await ctx.loaders.entity<T>(node.label as Label).loadMany(codes);
  return loaded.map((e) => (e instanceof Error ? null : e));
}

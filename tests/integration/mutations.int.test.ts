import { execFile } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import type { Viewer } from "../../src/auth/viewer.js";
import { verifyTrail } from "../../src/graph/audit/trail.js";
import { markDerivedStale, refreshDerived } from "../../src/graph/derived/derived.js";
import { importDataSet } from "../../src/graph/import/importer.js";
import { derivedDump } from "../support/derived.js";
import { resetDatabase, setupGraph, type TestGraph } from "../support/graph.js";

const editor: Viewer = { kind: "key", id: "key:ed", name: "ed", role: "editor" };
const editor2: Viewer = { kind: "key", id: "key:ed2", name: "ed2", role: "editor" };
const reader: Viewer = { kind: "key", id: "key:rd", name: "rd", role: "reader" };
const admin: Viewer = { kind: "key", id: "key:ad", name: "ad", role: "admin" };

type Errors = Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;

async function mutate(g: TestGraph, source: string, variables: Record<string, unknown> = {}, viewer = editor) {
  const result = await g.query(source, variables, { viewer });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked by shape below
  return { data: result.data as Record<string, any> | null | undefined, errors: result.errors as Errors };
}

/** \`npm run audit -- verify\` on the tests' database: its exit status and output. */
function auditCli(): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    NEO4J_URI: inject("neo4jUri"),
    NEO4J_USERNAME: "neo4j",
    NEO4J_PASSWORD: process.env.TEST_NEO4J_PASSWORD ?? "",
  };
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "src/cli/audit.ts", "verify"], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;

/** The derived data now equals what a full recomputation gives. */
async function expectDerivedExact(g: TestGraph, what: string) {
  const incremental = await derivedDump(g.executor);
  await refreshDerived(g.executor);
  expect(incremental, what).toEqual(await derivedDump(g.executor));
}

const UPSERT = `mutation($input: [EnterpriseInput!]!, $year: Int) {
  upsertEnterprises(input: $input, year: $year) {
    enterprises { code name city { code } cluster { code } version attributes { key value } }
    changes { seq element operation after }
  }
}`;
const PRODUCES = `mutation($input: [ProducesInput!]!, $year: Int) {
  setProduces(input: $input, year: $year) { changes { seq element after } }
}`;
const LINKS = `mutation($input: [SupplyLinkInput!]!, $year: Int) {
  setSupplyLinks(input: $input, year: $year) { changes { seq element after } }
}`;

describe("mutations on the mini graph (timeless)", () => {
  const g = setupGraph("tests/fixtures/mini");

  it("refuses readers and anonymous callers with FORBIDDEN, and changes nothing", async () => {
    const input = [{ code: "E9", name: "Nine", city: "X" }];
    expect(codeOf((await mutate(g, UPSERT, { input }, reader)).errors)).toBe("FORBIDDEN");
    const anonymous = await g.query(UPSERT, { input });
    expect(codeOf(anonymous.errors as Errors)).toBe("FORBIDDEN");
    const found = await g.query(`{ enterprise(code: "E9") { code } }`);
    expect(found.data).toEqual({ enterprise: null });
  });

  it("creates an enterprise, with version 1 and an audit record, and reads it back", async () => {
    const { data, errors } = await mutate(g, UPSERT, {
      input: [
        { code: "E9", name: "Nine", nameZh: "九号", city: "X", cluster: "K1", attributes: [{ key: "employees", value: "12" }] },
      ],
    });
    expect(errors).toBeUndefined();
    expect(data!.upsertEnterprises.enterprises).toEqual([
      {
        code: "E9",
        name: "Nine",
        city: { code: "X" },
        cluster: { code: "K1" },
        version: 1,
        attributes: [{ key: "employees", value: "12" }],
      },
    ]);
    const [change] = data!.upsertEnterprises.changes;
    expect(change.element).toBe("Enterprise:E9");
    expect(JSON.parse(change.after)).toMatchObject({ code: "E9", city: "X", cluster: "K1", version: 1, employees: 12 });
    const search = await g.query(`{ search(text: "九号") { node { code } } }`);
    expect(JSON.stringify(search.data)).toContain("E9");
    expect((await verifyTrail(g.executor)).problems).toEqual([]);
  });

  it("changes only the fields given, and moving a firm keeps the derived data exact", async () => {
    const { data, errors } = await mutate(g, UPSERT, { input: [{ code: "E1", city: "Y", cluster: null }] });
    expect(errors).toBeUndefined();
    expect(data!.upsertEnterprises.enterprises[0]).toMatchObject({
      code: "E1",
      name: "Alpha Servers",
      city: { code: "Y" },
      cluster: null,
    });
    await expectDerivedExact(g, "after moving E1");
  });

  it("validates with the importer's rules: one code per rule, the argument's path, and nothing written", async () => {
    const cases: Array<[string, Record<string, unknown>, string, unknown[]]> = [
      [UPSERT, { input: [{ code: "E10", city: "X" }] }, "NEEDS_NAME", ["input", 0]],
      [UPSERT, { input: [{ code: "E10", name: "Ten" }] }, "MISSING_VALUE", ["input", 0, "city"]],
      [UPSERT, { input: [{ code: "E10", name: "Ten", city: "NOWHERE" }] }, "UNKNOWN_REFERENCE", ["input", 0, "city"]],
      [UPSERT, { input: [{ code: "E10", name: "Ten", city: "CA" }] }, "WRONG_REGION_KIND", ["input", 0, "city"]],
      [
        UPSERT,
        { input: [{ code: "E10", name: "Ten", city: "X", attributes: [{ key: "name", value: "x" }] }] },
        "RESERVED_PROPERTY",
        ["input", 0, "attributes", 0, "key"],
      ],
      [
        UPSERT,
        { input: [{ code: "E10", name: "Ten", city: "X", attributes: [{ key: "a b", value: "x" }] }] },
        "BAD_PROPERTY_NAME",
        ["input", 0, "attributes", 0, "key"],
      ],
      [
        UPSERT,
        {
          input: [
            { code: "E10", name: "Ten", city: "X" },
            { code: "E10", name: "Ten", city: "X" },
          ],
        },
        "DUPLICATE",
        ["input", 1],
      ],
      [PRODUCES, { input: [{ enterprise: "E2", product: "CHIP", capacity: -1 }] }, "NEGATIVE_VALUE", ["input", 0, "capacity"]],
      [PRODUCES, { input: [{ enterprise: "E2", product: "NOPE" }] }, "UNKNOWN_REFERENCE", ["input", 0, "product"]],
      [PRODUCES, { input: [{ enterprise: "E2", product: "CHIP", remove: true }] }, "UNKNOWN_ELEMENT", ["input", 0]],
      [LINKS, { input: [{ supplier: "E2", customer: "E2", product: "CHIP" }] }, "SELF_REFERENCE", ["input", 0]],
      [
        `mutation { setProductInputs(input: [{ product: "CHIP", input: "CHIP" }]) { changes { seq } } }`,
        {},
        "SELF_REFERENCE",
        ["input", 0],
      ],
      [`mutation { closeEnterprises(codes: ["NOPE"], year: 2024) { changes { seq } } }`, {}, "UNKNOWN_ELEMENT", ["codes", 0]],
      [
        `mutation { upsertPlanItems(input: [{ code: "PL-X", plan: "PL", kind: TASK, targetIndicator: "OUTPUT" }]) { changes { seq } } }`,
        {},
        "TARGET_INDICATOR_NOT_TARGET",
        ["input", 0],
      ],
    ];
    const before = await derivedDump(g.executor);
    const trail = (await verifyTrail(g.executor)).records;
    for (const [source, variables, code, argument] of cases) {
      const { errors } = await mutate(g, source, variables);
      expect(errors?.[0]?.extensions, `${code}: ${JSON.stringify(variables)}`).toMatchObject({ code, argument });
      expect(errors![0]!.message).toContain("nothing was changed");
    }
    expect((await g.query(`{ enterprise(code: "E10") { code } }`)).data).toEqual({ enterprise: null });
    expect(await derivedDump(g.executor)).toEqual(before);
    expect((await verifyTrail(g.executor)).records).toBe(trail);
  });

  it("a batch with one bad item changes nothing", async () => {
    const { errors } = await mutate(g, LINKS, {
      input: [
        { supplier: "E3", customer: "E2", product: "CHIP", volume: 5 },
        { supplier: "E3", customer: "E2", product: "NOPE", volume: 5 },
      ],
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: "UNKNOWN_REFERENCE", argument: ["input", 1, "product"] });
    const links = await g.query(`{ enterprise(code: "E2") { suppliers(product: "CHIP") { nodes { supplier { code } } } } }`);
    expect(links.data).toEqual({ enterprise: { suppliers: { nodes: [] } } });
  });

  it("creates and closes a product, and plan items, keeping the derived data exact", async () => {
    const created = await mutate(
      g,
      `mutation { upsertProducts(input: [{ code: "GPU", name: "GPU", nameZh: "图形芯片", chain: "HW", stage: UPSTREAM, expectedVersion: 0 }]) {
        products { code chain { code } stage version } changes { element } } }`,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.upsertProducts.products).toEqual([
      { code: "GPU", chain: { code: "HW" }, stage: "UPSTREAM", version: 1 },
    ]);
    await expectDerivedExact(g, "after creating GPU");
    const closed = await mutate(g, `mutation { closeProducts(codes: ["GPU"], year: 2024) { products { code } } }`);
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeProducts.products).toEqual([null]);
    await expectDerivedExact(g, "after closing GPU");
    const item = await mutate(
      g,
      `mutation { upsertPlanItems(input: [{ code: "PL-T2", plan: "PL", kind: TARGET, name: "Servers", chains: ["HW"], targetValue: 5, targetYear: 2025 }]) {
        planItems { code kind targetValue } } }`,
    );
    expect(item.errors).toBeUndefined();
    expect(item.data!.upsertPlanItems.planItems).toEqual([{ code: "PL-T2", kind: "TARGET", targetValue: 5 }]);
  });

  it("sets and removes indicator values as rows of indicators.csv", async () => {
    const SET = `mutation($input: [IndicatorValueInput!]!) { setIndicators(input: $input) { changes { element after } } }`;
    const read = async () =>
      (await g.query(`{ indicators(filter: { region: "X", indicator: "OUTPUT" }) { year value unit version } }`)).data;
    const set = await mutate(g, SET, {
      input: [
        { region: "X", indicator: "OUTPUT", year: 2023, value: 10, unit: "CNY", source: "steward" },
        { region: "X", indicator: "OUTPUT", year: 2024, value: 12.5, unit: "CNY", source: "steward" },
      ],
    });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setIndicators.changes[0].element).toBe("Indicator:OUTPUT@X//:2023");
    expect(await read()).toEqual({
      indicators: [
        { year: 2023, value: 10, unit: "CNY", version: 1 },
        { year: 2024, value: 12.5, unit: "CNY", version: 1 },
      ],
    });
    const refusals: Array<[Record<string, unknown>, string, unknown[]]> = [
      [
        { region: "X", indicator: "OUTPUT", year: 2025, value: 1, unit: "USD", source: "s" },
        "INCONSISTENT_UNIT",
        ["input", 0, "unit"],
      ],
      [{ region: "X", indicator: "OUTPUT", year: 2025, value: 1, unit: "CNY" }, "MISSING_VALUE", ["input", 0, "source"]],
      [{ region: "X", indicator: "9X", year: 2025, value: 1, source: "s" }, "NOT_A_CODE", ["input", 0, "indicator"]],
      [{ indicator: "OUTPUT", year: 2025, value: 1, source: "s" }, "INDICATOR_WITHOUT_SUBJECT", ["input", 0]],
      [
        { region: "NOWHERE", indicator: "OUTPUT", year: 2025, value: 1, source: "s" },
        "UNKNOWN_REFERENCE",
        ["input", 0, "region"],
      ],
      [
        { region: "X", indicator: "OUTPUT", year: 2023, value: 1, unit: "CNY", source: "s", expectedVersion: 0 },
        "CONFLICT",
        ["input", 0, "expectedVersion"],
      ],
    ];
    for (const [input, code, argument] of refusals) {
      const { errors } = await mutate(g, SET, { input: [input] });
      expect(errors?.[0]?.extensions, code).toMatchObject({ code, argument });
    }
    const removed = await mutate(g, SET, {
      input: [{ region: "X", indicator: "OUTPUT", year: 2023, remove: true, expectedVersion: 1 }],
    });
    expect(removed.errors).toBeUndefined();
    expect(await read()).toEqual({ indicators: [{ year: 2024, value: 12.5, unit: "CNY", version: 1 }] });
  });

  it("refuses a batch over the documented size", async () => {
    const input = Array.from({ length: 101 }, (_, i) => ({ code: `N${i}`, name: "n", city: "X" }));
    expect(codeOf((await mutate(g, UPSERT, { input })).errors)).toBe("TOO_MANY_ITEMS");
  });

  it("refuses a change while the derived data is stale (an import or a recomputation under way), and changes nothing", async () => {
    const input = [{ code: "E8", name: "Eight", city: "X" }];
    await markDerivedStale(g.executor);
    const refused = await mutate(g, UPSERT, { input });
    expect(refused.errors?.[0]?.extensions).toEqual({ code: "DERIVED_DATA_STALE", retryable: true });
    expect((await g.query(`{ enterprise(code: "E8") { code } }`)).data).toEqual({ enterprise: null });
    await refreshDerived(g.executor);
    expect((await mutate(g, UPSERT, { input })).errors).toBeUndefined();
  });

  it("two clients racing on one element: one wins, the other gets CONFLICT", async () => {
    const read = await g.query<{ enterprise: { version: number } }>(`{ enterprise(code: "E2") { version } }`);
    const version = read.data!.enterprise.version;
    const [a, b] = await Promise.all([
      mutate(g, UPSERT, { input: [{ code: "E2", name: "Beta A", expectedVersion: version }] }, editor),
      mutate(g, UPSERT, { input: [{ code: "E2", name: "Beta B", expectedVersion: version }] }, editor2),
    ]);
    const codes = [codeOf(a.errors), codeOf(b.errors)].sort();
    expect(codes).toEqual(["CONFLICT", undefined].sort());
    const winner = a.errors ? "Beta B" : "Beta A";
    const now = await g.query(`{ enterprise(code: "E2") { name version } }`);
    expect(now.data).toEqual({ enterprise: { name: winner, version: version + 1 } });
  });

  it("supply links and capacities: set, change, remove; derived data exact after each", async () => {
    for (const [source, input] of [
      [LINKS, [{ supplier: "E3", customer: "E2", product: "CHIP", volume: 7 }]],
      [LINKS, [{ supplier: "E3", customer: "E2", product: "CHIP", volume: 9 }]],
      [PRODUCES, [{ enterprise: "E4", product: "SERVER", capacity: 12 }]],
      [LINKS, [{ supplier: "E3", customer: "E2", product: "CHIP", remove: true }]],
      [PRODUCES, [{ enterprise: "E1", product: "SERVER", remove: true }]],
      [
        `mutation($input: [ProductInputLinkInput!]!) { setProductInputs(input: $input) { changes { seq } } }`,
        [{ product: "CHIP", input: "CLOUD" }],
      ],
      [
        `mutation($input: [ProductInputLinkInput!]!) { setProductInputs(input: $input) { changes { seq } } }`,
        [{ product: "DC", input: "SERVER", remove: true }],
      ],
    ] as const) {
      const { errors } = await mutate(g, source, { input });
      expect(errors, JSON.stringify(input)).toBeUndefined();
      await expectDerivedExact(g, JSON.stringify(input));
    }
    expect((await verifyTrail(g.executor)).problems).toEqual([]);
    const cli = await auditCli();
    expect(cli.stdout).toMatch(/audit trail verified: \d+ record\(s\)/);
    expect(cli.code).toBe(0);
  });

  it("the audit trail: admins read it; an edited or deleted record is found", async () => {
    const log = await g.query<{ auditLog: { nodes: Array<{ seq: number; viewer: string; element: string; hash: string }> } }>(
      `{ auditLog(filter: { element: "Enterprise:E9" }) { nodes { seq viewer element hash prevHash before after } } }`,
      {},
      { viewer: admin },
    );
    expect(log.errors).toBeUndefined();
    expect(log.data!.auditLog.nodes[0]).toMatchObject({ viewer: "key:ed", element: "Enterprise:E9" });
    expect(codeOf((await g.query(`{ auditLog { nodes { seq } } }`, {}, { viewer: editor })).errors as Errors)).toBe("FORBIDDEN");

    // The feed's end, for any reader: the cursor of the latest change, where reading the whole feed ends.
    const feed = await g.query<{
      graphChanges: { pageInfo: { endCursor: string; hasNextPage: boolean } };
      graphChangesEnd: string;
    }>(`{ graphChanges(first: 1000) { pageInfo { endCursor hasNextPage } } graphChangesEnd }`, {}, { viewer: reader });
    expect(feed.errors).toBeUndefined();
    expect(feed.data!.graphChanges.pageInfo.hasNextPage).toBe(false);
    expect(feed.data!.graphChangesEnd).toBe(feed.data!.graphChanges.pageInfo.endCursor);

    const seq = log.data!.auditLog.nodes[0]!.seq;
    await g.executor.write("test.tamper", 'MATCH (a:AuditRecord {seq: $seq}) SET a.after = \'{"code":"E9","city":"Z"}\'', {
      seq,
    });
    const edited = await verifyTrail(g.executor);
    expect(edited.problems).toEqual([
      expect.objectContaining({ seq, element: "Enterprise:E9", message: expect.stringContaining("edited") }),
    ]);

    const cli = await auditCli();
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`record ${seq} (Enterprise:E9): its fields do not match its hash (edited)`);

    await g.executor.write("test.delete", "MATCH (a:AuditRecord {seq: $seq}) DELETE a", { seq });
    const deleted = await verifyTrail(g.executor);
    expect(deleted.problems.some((p) => p.seq === seq + 1 && p.message.includes("missing"))).toBe(true);
  });
});

describe("mutations on a graph with years", () => {
  const g = setupGraph();

  it("a change holds from its year on; earlier years keep their state; changes() shows it", { timeout: 300_000 }, async () => {
    await resetDatabase(g.executor);
    for (const y of [2023, 2024]) await importDataSet(g.executor, `tests/fixtures/monitoring-years/${y}`, { year: y });
    await expectDerivedExact(g, "after import");
    const linksIn = async (year: number) =>
      (
        await g.query(
          `query($y: Int) { enterprise(code: "F1", year: $y) { suppliers { nodes { supplier { code } product { code } volume } } } }`,
          { y: year },
        )
      ).data;
    const before2023 = await linksIn(2023);
    const { errors } = await mutate(g, LINKS, {
      input: [{ supplier: "F5", customer: "F1", product: "FRAME", volume: 999 }],
      year: 2024,
    });
    expect(errors).toBeUndefined();
    expect(await linksIn(2023)).toEqual(before2023);
    expect(JSON.stringify(await linksIn(2024))).toContain("999");
    await expectDerivedExact(g, "after the 2024 volume");

    const changed = async () =>
      (
        await g.query<{
          changes: { enterprisesLeft: Array<{ code: string }>; linksMade: Array<Record<string, { code: string }>> };
        }>(
          `{ changes(chain: "BIKE", scope: { region: "P" }, from: 2023, to: 2024) {
              enterprisesLeft { code } linksMade { supplier { code } customer { code } product { code } } } }`,
        )
      ).data!.changes;
    const made = await mutate(g, LINKS, { input: [{ supplier: "F4", customer: "F1", product: "FRAME", volume: 5 }], year: 2024 });
    expect(made.errors).toBeUndefined();
    expect((await changed()).linksMade).toContainEqual({
      supplier: { code: "F4" },
      customer: { code: "F1" },
      product: { code: "FRAME" },
    });
    expect((await changed()).enterprisesLeft).not.toContainEqual({ code: "F3" });

    const closed = await mutate(g, `mutation { closeEnterprises(codes: ["F3"], year: 2024) { enterprises { code years } } }`);
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeEnterprises.enterprises[0].years).toEqual([2023]);
    expect((await g.query(`{ enterprise(code: "F3", year: 2024) { code } }`)).data).toEqual({ enterprise: null });
    expect((await g.query(`{ enterprise(code: "F3", year: 2023) { code } }`)).data).toEqual({ enterprise: { code: "F3" } });
    await expectDerivedExact(g, "after closing F3 in 2024");
    expect((await changed()).enterprisesLeft).toContainEqual({ code: "F3" });

    const moved = await mutate(g, UPSERT, { input: [{ code: "F4", city: "Y2" }], year: 2024 });
    expect(codeOf(moved.errors)).toBe("UNKNOWN_REFERENCE");
    const bad = await mutate(g, UPSERT, { input: [{ code: "F4", name: "x" }], year: 2030 });
    expect(codeOf(bad.errors)).toBe("BAD_USER_INPUT");
    expect((await verifyTrail(g.executor)).problems).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { setupGraph } from "../support/graph.js";

/** The BIKE example of issue 3 through GraphQL; answers worked out in tests/fixtures/analytics-bike/README.md. */
const g = setupGraph("tests/fixtures/analytics-bike");

const X = { region: "X" };

describe("analytics through GraphQL (BIKE fixture)", () => {
  it("ranks short boards with entities, counts and reasons in both languages", async () => {
    const { data, errors } = await g.query<{
      shortBoards: Array<{
        product: { code: string };
        kinds: string[];
        localProducers: Array<{ code: string }>;
        demanders: Array<{ code: string }>;
        demanderCount: number;
        dependentProducts: Array<{ code: string }>;
        dependentCount: number;
        en: string[];
        zh: string[];
      }>;
    }>(
      `query($scope: ScopeInput!) { shortBoards(chain: "BIKE", scope: $scope) {
        product { code } kinds localProducers { code } demanders { code } demanderCount
        dependentProducts { code } dependentCount en: reasons zh: reasons(lang: ZH) } }`,
      { scope: X },
    );
    expect(errors).toBeUndefined();
    const boards = data!.shortBoards;
    expect(boards.map((b) => [b.product.code, b.kinds, b.dependentCount])).toEqual([
      ["STEEL", ["MISSING"], 2],
      ["TYRE", ["MISSING"], 1],
      ["FRAME", ["SINGLE_SOURCE"], 1],
    ]);
    expect(boards[0]!.demanders).toEqual([{ code: "F2" }]);
    expect(boards[0]!.dependentProducts.map((p) => p.code).sort()).toEqual(["BIKE", "FRAME"]);
    expect(boards[2]!.localProducers).toEqual([{ code: "F2" }]);
    expect(boards[0]!.en.join(" ")).toContain("City X");
    expect(boards[0]!.zh.join(" ")).toContain("X市");
  });

  it("lists missing suppliers with their candidate firms", async () => {
    const { data, errors } = await g.query<{
      missingSuppliers: Array<{
        product: { code: string };
        candidates: Array<{ enterprise: { code: string } }>;
        none: unknown[];
      }>;
    }>(
      `{ missingSuppliers(chain: "BIKE", scope: {region: "X"}) {
          product { code } candidates(first: 3) { enterprise { code } } none: candidates(first: 0) { score } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.missingSuppliers.map((m) => m.product.code).sort()).toEqual(["STEEL", "TYRE"]);
    const tyre = data!.missingSuppliers.find((m) => m.product.code === "TYRE")!;
    expect(tyre.candidates).toEqual([{ enterprise: { code: "F3" } }]);
    expect(tyre.none).toEqual([]);
    expect(data!.missingSuppliers.find((m) => m.product.code === "STEEL")!.candidates).toEqual([]);
  });

  it("finds target firms, resilience losses, cooperation and the chain map", async () => {
    const { data, errors } = await g.query<{
      targetFirms: Array<{ enterprise: { code: string }; covers: Array<{ code: string }> }>;
      resilience: {
        lostProducts: Array<{ product: { code: string } }>;
        affectedEnterprises: Array<{ code: string }>;
        affectedCount: number;
      };
      cooperationOpportunities: Array<{
        product: { code: string };
        demandCity: { code: string };
        supplierCity: { code: string };
        existingLinks: number;
      }>;
      chainMap: {
        chain: { code: string };
        products: Array<{
          product: { code: string };
          stage: string;
          inputCodes: string[];
          localProducerCount: number;
          kinds: string[];
        }>;
        cities: Array<{ city: { code: string }; producerCounts: Array<{ productCode: string; count: number }> }>;
      };
    }>(`{
      targetFirms(chain: "BIKE", scope: {region: "X"}) { enterprise { code } covers { code } }
      resilience(chain: "BIKE", scope: {region: "X"}, without: ["F2"]) { lostProducts { product { code } } affectedEnterprises { code } affectedCount }
      cooperationOpportunities(chain: "BIKE", scope: {region: "P"}) { product { code } demandCity { code } supplierCity { code } existingLinks }
      chainMap(chain: "BIKE", scope: {region: "P"}) {
        chain { code }
        products { product { code } stage inputCodes localProducerCount kinds }
        cities { city { code } producerCounts { productCode count } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.targetFirms).toEqual([{ enterprise: { code: "F3" }, covers: [{ code: "TYRE" }] }]);
    expect(data!.resilience).toEqual({
      lostProducts: [{ product: { code: "FRAME" } }],
      affectedEnterprises: [{ code: "F1" }],
      affectedCount: 1,
    });
    expect(data!.cooperationOpportunities).toContainEqual({
      product: { code: "TYRE" },
      demandCity: { code: "X" },
      supplierCity: { code: "Y" },
      existingLinks: 0,
    });
    const map = data!.chainMap;
    expect(map.chain.code).toBe("BIKE");
    expect(map.products.find((p) => p.product.code === "BIKE")).toEqual({
      product: { code: "BIKE" },
      stage: "DOWNSTREAM",
      inputCodes: ["FRAME", "TYRE"],
      localProducerCount: 1,
      kinds: [],
    });
    const y = map.cities.find((c) => c.city.code === "Y")!;
    expect(y.producerCounts.find((c) => c.productCode === "TYRE")!.count).toBe(1);
  });

  it("refuses unknown codes with NOT_FOUND and malformed scopes or bounds with BAD_USER_INPUT", async () => {
    const cases: Array<[string, string]> = [
      [`{ shortBoards(chain: "NOPE", scope: {region: "X"}) { score } }`, "NOT_FOUND"],
      [`{ shortBoards(chain: "BIKE", scope: {region: "NOWHERE"}) { score } }`, "NOT_FOUND"],
      [`{ missingSuppliers(chain: "BIKE", scope: {cluster: "NOPE"}) { demanderCount } }`, "NOT_FOUND"],
      [`{ resilience(chain: "BIKE", scope: {region: "X"}, without: ["NOPE"]) { affectedCount } }`, "NOT_FOUND"],
      [`{ shortBoards(chain: "BIKE", scope: {region: "X", cluster: "K"}) { score } }`, "BAD_USER_INPUT"],
      [`{ targetFirms(chain: "BIKE", scope: {}) { score } }`, "BAD_USER_INPUT"],
      [`{ shortBoards(chain: "BIKE", scope: {region: "X"}, first: 5000) { score } }`, "BAD_USER_INPUT"],
      [`{ missingSuppliers(chain: "BIKE", scope: {region: "X"}) { candidates(first: 500) { score } } }`, "BAD_USER_INPUT"],
    ];
    for (const [document, code] of cases) {
      const { errors } = await g.query(document);
      expect(errors?.[0]?.extensions?.code, document).toBe(code);
    }
  });
});

import { describe, expect, it } from "vitest";
import { EnterpriseMirror, type EnterpriseRecord } from "../../clients/typescript/examples/enterprise-mirror.js";
import { ChainKgClient, type GraphChange } from "../../clients/typescript/src/index.js";

/**
 * Which changes the example mirror reads again (clients/typescript/examples/enterprise-mirror.ts),
 * against a client whose fetch answers from a map of enterprises: the graph as it stands.
 */
const firm = (code: string, city = "SD-JINAN", products: string[] = []): EnterpriseRecord => ({
  code,
  name: code,
  nameZh: null,
  version: 0,
  years: null,
  city: { code: city },
  cluster: null,
  products: products.map((p) => ({ capacity: null, product: { code: p } })),
});

function service(graph: Map<string, EnterpriseRecord>) {
  const asked: string[] = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const body = JSON.parse(String(init?.body)) as { operationName: string; variables: { code?: string } };
    asked.push(body.operationName === "ClientEnterprise" ? `ClientEnterprise:${body.variables.code}` : body.operationName);
    const data =
      body.operationName === "ClientEnterprise"
        ? { enterprise: graph.get(body.variables.code!) ?? null }
        : body.operationName === "ClientEnterprises"
          ? {
              enterprises: {
                totalCount: graph.size,
                pageInfo: { hasNextPage: false, endCursor: null },
                nodes: [...graph.values()],
              },
            }
          : { graphChanges: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } };
    return new Response(JSON.stringify({ data }), { headers: { "content-type": "application/json" } });
  };
  return { client: new ChainKgClient({ endpoint: "http://service.test/graphql", fetch }), asked };
}

const change = (operation: string, element: string, subjects: string[] = [element]): GraphChange => ({
  seq: 1,
  at: "2026-12-04T00:00:00Z",
  operation,
  element,
  subjects,
  year: null,
  after: null,
});

describe("the enterprise mirror applies changes", () => {
  it("reads again the enterprises a change names, once each, and drops those that no longer hold", async () => {
    const graph = new Map([
      ["E1", firm("E1", "SD-YANTAI")],
      ["E3", firm("E3", "SD-JINAN", ["P1"])],
    ]);
    const { client, asked } = service(graph);
    const mirror = new EnterpriseMirror(client);
    mirror.enterprises.set("E1", firm("E1"));
    mirror.enterprises.set("E2", firm("E2"));
    const read = await mirror.apply([
      change("upsertEnterprises", "Enterprise:E1"),
      change("closeEnterprises", "Enterprise:E2"),
      change("setProduces", "Produces:E3>P1", ["Enterprise:E3", "Product:P1"]),
      change("upsertEnterprises", "Enterprise:E1"),
      // Not in the copy: supply links, indicators.
      change("setSupplyLinks", "SupplyLink:E1>E3:P1", ["Enterprise:E1", "Enterprise:E3", "Product:P1"]),
      change("setIndicators", "Indicator:OUTPUT_VALUE|SD-JINAN||", ["Region:SD-JINAN"]),
    ]);
    expect(read).toBe(3);
    expect(asked).toEqual(["ClientEnterprise:E1", "ClientEnterprise:E2", "ClientEnterprise:E3"]);
    expect([...mirror.enterprises.keys()].sort()).toEqual(["E1", "E3"]);
    expect(mirror.enterprises.get("E1")!.city.code).toBe("SD-YANTAI");
  });

  it("reads again the producers it holds of a product that closes, which the change does not name", async () => {
    const graph = new Map([
      ["E1", firm("E1")],
      ["E2", firm("E2", "SD-JINAN", ["P2"])],
    ]);
    const { client, asked } = service(graph);
    const mirror = new EnterpriseMirror(client);
    mirror.enterprises.set("E1", firm("E1", "SD-JINAN", ["P1"]));
    mirror.enterprises.set("E2", firm("E2", "SD-JINAN", ["P2"]));
    await mirror.apply([change("closeProducts", "Product:P1")]);
    expect(asked).toEqual(["ClientEnterprise:E1"]);
    expect(mirror.enterprises.get("E1")!.products).toEqual([]);
  });

  it("reads everything again after an import", async () => {
    const graph = new Map([["E9", firm("E9")]]);
    const { client, asked } = service(graph);
    const mirror = new EnterpriseMirror(client);
    mirror.enterprises.set("E1", firm("E1"));
    await mirror.apply([change("upsertEnterprises", "Enterprise:E1"), change("import", "DataSet:shandong", [])]);
    expect(asked).toEqual(["ClientEnterprises"]);
    expect([...mirror.enterprises.keys()]).toEqual(["E9"]);
  });
});

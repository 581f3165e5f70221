import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataSetError, importDataSet } from "../../src/graph/import/importer.js";
import { formatProblem } from "../../src/graph/import/validate.js";
import { setupGraph } from "../support/graph.js";
import { snapshot } from "../support/snapshot.js";

const g = setupGraph("tests/fixtures/mini");

const count = async (cypher: string) => (await g.executor.read<{ n: number }>("test", cypher))[0]!.n;

describe("import", () => {
  it("writes the mini data set: nodes, hierarchy, links and extra columns", async () => {
    expect(await count("MATCH (r:Region {kind: 'CITY'}) RETURN count(r) AS n")).toBe(3);
    expect(
      await count(
        "MATCH (:Region {code: 'X'})-[:PART_OF]->(:Region {code: 'CA'})-[:PART_OF]->(:Region {code: 'P'}) RETURN count(*) AS n",
      ),
    ).toBe(1);
    expect(await count("MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS n")).toBe(4);
    expect(await count("MATCH ()-[r:REQUIRES]->() RETURN count(r) AS n")).toBe(5);
    const [e1] = await g.executor.read<{ props: Record<string, unknown> }>(
      "test",
      "MATCH (e:Enterprise {code: 'E1'}) RETURN properties(e) AS props",
    );
    expect(e1!.props).toMatchObject({ name: "Alpha Servers", nameZh: "阿尔法服务器", uscc: "91370100MA0001", employees: 1200 });
    const [link] = await g.executor.read<{ volume: number; source: string }>(
      "test",
      "MATCH (:Enterprise {code: 'E3'})-[r:SUPPLIES {product: 'CHIP'}]->(:Enterprise {code: 'E1'}) RETURN r.volume AS volume, r.source AS source",
    );
    expect(link).toEqual({ volume: 40000, source: "illustrative" });
    // An empty optional cell is "unknown": no property at all.
    expect(
      await count(
        "MATCH (:Enterprise {code: 'E2'})-[r:PRODUCES]->(:Product {code: 'DC'}) WHERE r.capacity IS NULL RETURN count(r) AS n",
      ),
    ).toBe(1);
  });

  it("is idempotent: importing again changes nothing", async () => {
    const before = await snapshot(g.executor);
    await importDataSet(g.executor, "tests/fixtures/mini");
    expect(await snapshot(g.executor)).toEqual(before);
  });

  it("refuses a bad folder, names each bad row, and leaves the database unchanged", async () => {
    const before = await snapshot(g.executor);
    const error = await importDataSet(g.executor, "tests/fixtures/bad").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataSetError);
    const lines = (error as DataSetError).problems.map(formatProblem);
    expect(lines).toContain("enterprises.csv:5: unknown city_id C7");
    expect(lines).toContain("supply_links.csv:3: enterprise E1 cannot supply itself");
    expect(lines.length).toBe(13);
    expect(await snapshot(g.executor)).toEqual(before);
  });

  it("updates entities whose codes a second data set reuses, and resolves references to earlier imports", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "chain-kg-update-"));
    cpSync("tests/fixtures/mini", dir, { recursive: true });
    const header = (file: string, line: string) => writeFileSync(path.join(dir, file), `${line}\n`);
    // A data set that defines only enterprises and links; regions, chains and products come from the database.
    header("regions.csv", "id,name,name_zh,kind,parent_id");
    header("chains.csv", "id,name,name_zh,industry");
    header("products.csv", "id,chain_id,name,name_zh,stage");
    header("product_inputs.csv", "product_id,input_id");
    header("clusters.csv", "id,name,name_zh,city_id,focus");
    writeFileSync(
      path.join(dir, "enterprises.csv"),
      "id,name,name_zh,city_id,cluster_id\nE4,Delta Apps Moved,,Y,\nE6,Zeta,泽塔,Z,\n",
    );
    writeFileSync(path.join(dir, "produces.csv"), "enterprise_id,product_id,capacity\nE6,CHIP,7\n");
    writeFileSync(path.join(dir, "supply_links.csv"), "supplier_id,customer_id,product_id,volume\nE6,E1,CHIP,5\n");
    for (const f of ["plans.csv", "plan_items.csv", "industries.csv"]) rmSync(path.join(dir, f));

    await importDataSet(g.executor, dir);
    expect(await count("MATCH (e:Enterprise) RETURN count(e) AS n")).toBe(6);
    const [moved] = await g.executor.read<{ city: string; name: string; nameZh: string | null }>(
      "test",
      "MATCH (e:Enterprise {code: 'E4'})-[:LOCATED_IN]->(c) RETURN c.code AS city, e.name AS name, e.nameZh AS nameZh",
    );
    expect(moved).toEqual({ city: "Y", name: "Delta Apps Moved", nameZh: null });
    expect(await count("MATCH (:Enterprise {code: 'E4'})-[r:LOCATED_IN]->() RETURN count(r) AS n")).toBe(1);
    expect(
      await count(
        "MATCH (:Enterprise {code: 'E6'})-[:SUPPLIES {product: 'CHIP'}]->(:Enterprise {code: 'E1'}) RETURN count(*) AS n",
      ),
    ).toBe(1);
    // Restore the fixture for the files that follow.
    await importDataSet(g.executor, "tests/fixtures/mini");
    await g.executor.write("test", "MATCH (e:Enterprise {code: 'E6'}) DETACH DELETE e");
  });
});

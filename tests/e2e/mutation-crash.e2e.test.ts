import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyTrail } from "../../src/graph/audit/trail.js";
import { createDriver } from "../../src/graph/db/driver.js";
import { Executor } from "../../src/graph/db/executor.js";
import { freePort, startLocalNeo4j, type LocalNeo4j } from "../../src/graph/db/local-neo4j.js";
import { migrate } from "../../src/graph/db/migrations.js";
import { importDataSet } from "../../src/graph/import/importer.js";
import { applyChanges, type Change } from "../../src/graph/mutate/apply.js";
import { ENTERPRISE, SUPPLIES } from "../../src/graph/mutate/elements.js";
import { logger } from "../support/graph.js";
import { snapshot } from "../support/snapshot.js";

/**
 * Neo4j killed (SIGKILL, as a crash or an OOM kill does) while a batch of mutations is inside its
 * transaction: after a restart nothing of the batch is there, not one element nor one audit record,
 * and the trail still verifies. Then the same batch, sent again, lands whole.
 */
describe("Neo4j killed during a batch of mutations", () => {
  let dir: string | undefined;
  let neo4j: LocalNeo4j | undefined;
  let driver: Driver | undefined;
  let executor: Executor | undefined;
  let port = 0;

  const connect = async () => {
    neo4j = await startLocalNeo4j({ dir: dir!, port, pageCacheMb: 128, heapMb: 512, logger });
    driver = createDriver({ uri: neo4j.uri, username: "neo4j", password: "", logger });
    executor = new Executor({ driver, logger, timeoutMs: 60_000 });
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "chain-kg-crash-"));
    port = await freePort();
    await connect();
    await migrate(executor!);
    await importDataSet(executor!, "tests/fixtures/mini");
  }, 180_000);

  afterAll(async () => {
    await driver?.close();
    await neo4j?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // Enough items that the transaction stays open a while: 60 new firms and a supply link.
  const batch: Change[] = [
    ...Array.from({ length: 60 }, (_, i): Change => ({
      node: ENTERPRISE,
      input: { code: `CRASH${i}`, name: `Crash ${i}`, city: "X" },
    })),
    { rel: SUPPLIES, input: { supplier: "E3", customer: "E2", product: "CHIP", volume: 7 } },
  ];
  const options = (requestId: string) => ({
    operation: "upsertEnterprises",
    argument: "input",
    year: null,
    years: [],
    actor: { viewer: "test", requestId },
  });

  it(
    "leaves nothing of the batch, and a trail that verifies; the batch sent again lands whole",
    { timeout: 300_000 },
    async () => {
      const before = await snapshot(executor!);
      const trail = await verifyTrail(executor!);
      expect(trail.problems).toEqual([]);

      const pending = applyChanges(executor!, batch, options("crash")).then(
        () => "committed",
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      // Kill Neo4j once the batch's transaction is open in it (it has taken the trail's lock: it has written).
      for (let open = false; !open;) {
        const { records } = await driver!.executeQuery(
          "SHOW TRANSACTIONS YIELD metaData WHERE metaData.operation = $op RETURN count(*) AS n",
          { op: "mutation.upsertEnterprises" },
        );
        open = Number(records[0]!.get("n")) > 0;
      }
      await neo4j!.kill();
      const outcome = await pending;
      expect(outcome).not.toBe("committed");

      await driver!.close();
      await connect();
      expect(await snapshot(executor!)).toEqual(before);
      const after = await verifyTrail(executor!);
      expect(after.problems).toEqual([]);
      expect(after.records).toBe(trail.records);
      expect(after.head).toEqual(trail.head);

      const again = await applyChanges(executor!, batch, options("again"));
      expect(again.records).toHaveLength(batch.length);
      const [row] = await executor!.read<{ n: number }>(
        "test.count",
        "MATCH (e:Enterprise) WHERE e.code STARTS WITH 'CRASH' RETURN count(e) AS n",
      );
      expect(row!.n).toBe(60);
      expect((await verifyTrail(executor!)).problems).toEqual([]);
    },
  );
});

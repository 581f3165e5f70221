import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { parseArgs, UsageError } from "../../src/cli/import.js";
import { Progress, renderBar, renderLine } from "../../src/cli/progress.js";
import { DataSetError, importDataSet } from "../../src/graph/import/importer.js";
import { formatProblem } from "../../src/graph/import/validate.js";
import { resetDatabase, setupGraph } from "../support/graph.js";
import { writeNoisyCopy, type NoisyDataSet } from "../support/noisy.js";
import { snapshot as fullSnapshot } from "../support/snapshot.js";

/** The mini graph, then the noisy copy of mini (tests/support/noisy.ts) imported over it in each mode. */
const g = setupGraph("tests/fixtures/mini");
let noisy: NoisyDataSet;
let mini: string[];

beforeAll(async () => {
  noisy = await writeNoisyCopy("tests/fixtures/mini", path.join(mkdtempSync(path.join(tmpdir(), "chain-kg-noisy-")), "noisy"));
  mini = await snapshot(g.executor);
});

/** The imported graph: the derived analytics state (src/graph/derived/derived.ts) carries refresh times, so it is left out. */
const snapshot = async (executor: typeof g.executor) =>
  (await fullSnapshot(executor)).filter((line) => !line.startsWith("(DerivedState "));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real command line against the test database; stderr is a pipe, so progress comes as plain lines. */
function cli(...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: inject("neo4jUri"), LOG_LEVEL: "warn" };
  if (process.env.TEST_NEO4J_PASSWORD) env.NEO4J_PASSWORD = process.env.TEST_NEO4J_PASSWORD;
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "src/cli/import.ts", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const added = (after: string[]) => after.filter((line) => !mini.includes(line));

describe("import of a noisy data set", () => {
  it("strict by default: reports the rows' own problems, exits 1 and writes nothing", async () => {
    const error = await importDataSet(g.executor, noisy.folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataSetError);
    expect((error as DataSetError).problems.map(formatProblem)).toEqual(noisy.problems);
    expect((error as DataSetError).reason).toBe("problems");
    const run = await cli(noisy.folder);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${noisy.problems.join("\n")}\n7 problem(s); nothing was written\n`);
    expect(await snapshot(g.executor)).toEqual(mini);
  });

  it("--max-errors: past N problems (strict) or N rejected rows (--skip-invalid) it stops and writes nothing", async () => {
    const strict = await cli(noisy.folder, "--max-errors", "2");
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(
      `${noisy.problems.slice(0, 3).join("\n")}\nstopped at clusters.csv:3: more than 2 problem(s); nothing was written\n`,
    );
    const rejects = path.join(path.dirname(noisy.folder), "stopped.rejects.csv");
    const skipping = await cli(noisy.folder, "--skip-invalid", "--max-errors=3", "--rejects", rejects);
    expect(skipping.code).toBe(1);
    expect(skipping.stderr).toContain(
      `stopped at product_inputs.csv:7: more than 3 rejected row(s); nothing was written; the rows rejected so far are in ${rejects}`,
    );
    // The rows found before stopping are listed: the first four.
    const listed = parse(readFileSync(rejects, "utf8"), { columns: true }) as Array<Record<string, string>>;
    expect(listed.map((r) => `${r.file}:${r.line}`)).toEqual(noisy.rejects.slice(0, 4).map((r) => `${r.file}:${r.line}`));
    expect(await snapshot(g.executor)).toEqual(mini);
  });

  it("--skip-invalid writes the valid rows, lists every skipped row with file, line, reason and row, and exits 0", async () => {
    const rejects = path.join(path.dirname(noisy.folder), "listed.csv");
    const run = await cli(noisy.folder, "--skip-invalid", "--rejects", rejects);
    expect(run.stderr).toMatch(/^validated 61 rows in 0:\d\d \([\d,]+ rows\/s\); 16 rejected, 45 to write$/m);
    expect(run.stderr).toMatch(/^wrote 45 rows in 0:\d\d/m);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^enterprises\.csv +6 +4$/m);
    expect(run.stdout).toMatch(/^supply_links\.csv +5 +3$/m);
    expect(run.stdout).toContain(`rejected 16 rows (7 with problems, 9 naming a rejected row), listed in ${rejects}\n`);

    const text = readFileSync(rejects, "utf8");
    expect(text.split("\n")[0]).toBe("file,line,reason,row");
    const listed = parse(text, { columns: true }) as Array<{ file: string; line: string; reason: string; row: string }>;
    expect(listed.length).toBe(noisy.rejects.length);
    listed.forEach((row, i) => {
      const expected = noisy.rejects[i]!;
      expect({ file: row.file, line: Number(row.line), reason: row.reason }).toEqual({
        file: expected.file,
        line: expected.line,
        reason: expected.reason,
      });
      // The row as it is in the file, stray spaces and all.
      expect((parse(row.row) as string[][])[0]).toEqual(expected.cells);
    });
    // By hand (tests/support/noisy.ts), e.g. the two reasons of a produces row and the blank id:
    expect(listed[11]).toMatchObject({
      file: "produces.csv",
      line: "11",
      reason: "enterprise_id NZ-E-CHAIN was rejected (enterprises.csv:8); product_id NZ-GHOST was rejected (products.csv:7)",
    });
    expect(listed[8]).toEqual({ file: "enterprises.csv", line: "10", reason: "missing id", row: '"   ",Blank,,X,,,' });

    // Exactly the valid noise rows were added, under their trimmed codes and names; nothing rejected or
    // dependent. (Derived analytics data, which other modules add, are compared below with the clean copy.)
    const written = await snapshot(g.executor);
    const IMPORTED = /^\(|-(LOCATED_IN|PART_OF|PRODUCES|SUPPLIES|IN_CHAIN|REQUIRES|MEMBER_OF|CONCERNS)->/;
    const ours = added(written)
      .filter((l) => l.includes("NZ-") && IMPORTED.test(l))
      .map((l) => l.replace(/;searchText="[^"]*"/, "").replace(/dependentCounts=\[[\d, ]*\];/, ""));
    expect(ours).toEqual(
      [
        '(Enterprise code="NZ-E-SPACED";name="Spaced firm")',
        '(Product code="NZ-ZW";name="Zero width";stage="MIDSTREAM")',
        '(Region code="NZ-SPACED";kind="CITY";name="Spaced city")',
        "NZ-E-SPACED -LOCATED_IN-> NZ-SPACED ",
        "NZ-E-SPACED -PRODUCES-> NZ-ZW capacity=7",
        'NZ-E-SPACED -SUPPLIES-> E1 product="NZ-ZW";volume=9',
        "NZ-SPACED -PART_OF-> P ",
        "NZ-ZW -IN_CHAIN-> HW ",
        "NZ-ZW -REQUIRES-> CHIP ",
      ].sort(),
    );
    // A product whose input row named a rejected product keeps its other inputs (SERVER requires CHIP).
    expect(noisy.codes.user).toBe("SERVER");
    const [server] = await g.executor.read<{ inputs: string[] }>(
      "test",
      "MATCH (p:Product {code: 'SERVER'})-[:REQUIRES]->(i) RETURN collect(i.code) AS inputs",
    );
    expect(server!.inputs).toEqual(["CHIP"]);

    // The whole graph is the one a strict import of the noise-free copy gives.
    await resetDatabase(g.executor);
    await importDataSet(g.executor, "tests/fixtures/mini");
    await importDataSet(g.executor, noisy.clean);
    expect(await snapshot(g.executor)).toEqual(written);
  });

  it("is idempotent with --skip-invalid too, and the rejects file defaults to <folder>.rejects.csv beside the folder", async () => {
    const before = await snapshot(g.executor);
    const result = await importDataSet(g.executor, noisy.folder, { skipInvalid: true });
    expect(result.rejectsFile).toBe(path.join(path.dirname(noisy.folder), "noisy.rejects.csv"));
    expect(existsSync(result.rejectsFile!)).toBe(true);
    expect(result.rejectedCount).toBe(16);
    expect(result.rejected["regions.csv"]).toBe(2);
    expect(result.rows["enterprises.csv"]).toBe(6);
    expect(await snapshot(g.executor)).toEqual(before);
    // Restore the mini graph for the files that follow.
    await resetDatabase(g.executor);
    await importDataSet(g.executor, "tests/fixtures/mini");
    expect(await snapshot(g.executor)).toEqual(mini);
  });

  it("--skip-invalid still refuses a whole-file problem (a missing column), writing nothing", async () => {
    const rejectsFile = path.join(path.dirname(noisy.folder), "bad.rejects.csv");
    const error = await importDataSet(g.executor, "tests/fixtures/bad", { skipInvalid: true, rejectsFile }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataSetError);
    expect((error as DataSetError).reason).toBe("file-problems");
    expect((error as DataSetError).problems.map(formatProblem)).toEqual(["clusters.csv:1: missing column focus"]);
    expect((error as DataSetError).summary).toBe(
      `1 problem(s) of whole files, which skipping rows cannot fix; nothing was written; the rows rejected so far are in ${rejectsFile}`,
    );
    expect(await snapshot(g.executor)).toEqual(mini);
  });

  it("refuses bad flags with a message and the usage, exit status 2", async () => {
    for (const args of [
      ["--bogus", "x"],
      ["x", "--rejects", "r.csv"],
    ]) {
      const run = await cli(...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain("usage: npm run import -- <folder>");
    }
    const refused = (args: string[]) => {
      try {
        parseArgs(args);
      } catch (error) {
        return error instanceof UsageError ? error.message : `not a usage error: ${String(error)}`;
      }
      return "accepted";
    };
    expect(refused([])).toBe("give the data-set folder");
    expect(refused(["a", "b"])).toBe("give one data-set folder, got 2: a b");
    expect(refused(["x", "--max-errors", "many"])).toBe('--max-errors must be a whole number of 0 or more, got "many"');
    expect(refused(["x", "--max-errors", "-1"])).toBe('--max-errors must be a whole number of 0 or more, got "-1"');
    expect(refused(["x", "--max-errors"])).toBe("--max-errors needs a value");
    expect(refused(["x", "--skip-invalid", "--skip-invalid"])).toBe("--skip-invalid given twice");
    expect(refused(["x", "--skip-invalid", "--rejects", "x/regions.csv"])).toBe(
      "--rejects x/regions.csv is one of the data set's own files",
    );
    expect(parseArgs(["x", "--skip-invalid", "--rejects=r.csv", "--max-errors", "0"])).toEqual({
      folder: "x",
      skipInvalid: true,
      rejectsFile: "r.csv",
      maxErrors: 0,
    });
    expect(parseArgs(["--help"])).toBeNull();
  });
});

describe("progress display", () => {
  const sink = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, stream: { isTTY, columns: 100, write: (t: string) => void out.push(t) } };
  };

  it("draws a bar with rows, rows/s and time left on a terminal, redrawn in place", () => {
    let now = 0;
    const { out, stream } = sink(true);
    const bar = new Progress({ label: "writing", doneLabel: "wrote", total: 1000, stream, now: () => now });
    now = 1000;
    bar.update(250, { detail: "enterprises.csv" });
    expect(out.at(-1)).toBe(
      "\r" + "writing [█████░░░░░░░░░░░░░░░]  25%  250/1,000 rows  250 rows/s  ETA 0:03  enterprises.csv\x1b[K",
    );
    now = 4000;
    bar.update(1000);
    bar.finish();
    expect(out.at(-1)).toBe("\r\x1b[Kwrote 1,000 rows in 0:04 (250 rows/s)\n");
  });

  it("prints a plain line every interval elsewhere", () => {
    let now = 0;
    const { out, stream } = sink(false);
    const bar = new Progress({ label: "validating", doneLabel: "validated", stream, now: () => now, intervalMs: 10_000 });
    for (now = 1000; now <= 25_000; now += 1000) bar.update(now * 10, { fraction: now / 50_000, detail: "links.csv" });
    expect(out).toEqual([
      "validating: 20%, 100,000 rows, 10,000 rows/s, ETA 0:40 (links.csv)\n",
      "validating: 40%, 200,000 rows, 10,000 rows/s, ETA 0:30 (links.csv)\n",
    ]);
    expect(renderLine({ label: "x", rows: 5, rowsPerSecond: 0 })).toBe("x: 5 rows, 0 rows/s, ETA --:--");
    expect(renderBar({ label: "x", rows: 5, rowsPerSecond: 0 }, 12)).toHaveLength(11);
  });
});

/** bench/results.md from bench/results.json (`npm run bench`) and bench/results.catalogue.json (bench/catalogue.ts). */
import type { AnalyticsTimings, ScopeKind } from "./analytics-timing.js";
import { BOUND_GOAL, FLOOR_QUERY, GROWTH_GOAL, P95_GOAL_MS } from "./analytics-timing.js";
import type { AnalyticsChain, AnalyticsSubjects, LowerBound } from "./cases.js";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { CatalogueResults, CatalogueSize } from "./catalogue.js";
import type { ImportBenchResult } from "./import.js";
import type { Results, Way } from "./run.js";
import type { SUBJECT_RULES } from "./subjects.js";
import { TEXT_RULES } from "./text-search.js";
import { BENCH, fixed, ms } from "./util.js";

const WAY_NAMES: Record<Way, string> = {
  ours: "ours (GraphQL service)",
  raw: "raw Cypher (neo4j-driver)",
  neo4jGraphql: "@neo4j/graphql",
};

const yes = (ok: boolean | undefined) => (ok === undefined ? "–" : ok ? "yes" : "**no**");
const int = (n: number) => Math.round(n).toLocaleString("en-US");

export function renderMarkdown(r: Results): string {
  const out: string[] = [];
  const m = r.machine;
  out.push("# Benchmark results", "");
  out.push(
    `Run of \`npm run bench\` on ${m.date.slice(0, 10)} (${m.date}). Regenerate with the commands in README.md, "Benchmarks". ` +
      "Other work shared the CPU during the run, so absolute figures are noisy: compare the ratios within this run.",
    "",
  );
  out.push("## Machine and data", "");
  out.push("| | |", "|---|---|");
  out.push(`| cores (\`nproc\`) | ${m.nproc} (${m.cpu}) |`);
  out.push(`| memory | ${m.memoryGiB} GiB |`);
  out.push(`| load average at start / end | ${m.loadAverage.join(", ")} / ${r.machineAtEnd.loadAverage.join(", ")} |`);
  out.push(`| OS, Node | ${m.platform}, ${m.node} |`);
  out.push(`| Neo4j | ${r.graph.neo4j} at \`${String(r.settings.neo4jUri)}\` |`);
  out.push(`| graph | ${int(r.graph.totalNodes)} nodes, ${int(r.graph.totalRelationships)} relationships |`);
  out.push(
    `| nodes | ${Object.entries(r.graph.nodes)
      .map(([k, v]) => `${k} ${int(v)}`)
      .join(", ")} |`,
  );
  out.push(
    `| relationships | ${Object.entries(r.graph.relationships)
      .map(([k, v]) => `${k} ${int(v)}`)
      .join(", ")} |`,
  );
  out.push(
    `| versions | ${Object.entries(r.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")} |`,
  );
  out.push("");
  out.push("## Settings and subjects", "");
  out.push(
    `- Reads: autocannon on loopback, ${String(r.settings.connections)} connections (one request in flight each), ` +
      `${String(r.settings.warmupS)} s untimed warm-up then ${String(r.settings.durationS)} s timed, per read and way. ` +
      "Latency percentiles are exact over every 2xx response of the timed window.",
  );
  out.push(
    `- Each server runs in a child process of its own; the service with \`LOG_LEVEL=${String(r.settings.serviceLogLevel)}\` and \`SEED=none\`.`,
  );
  out.push(`- Raw Cypher: ${String(r.settings.rawWay)}, so it pays the same HTTP and JSON costs as the GraphQL servers.`);
  out.push(
    `- Analytics: one request at a time (the latency of one person at the explorer), for at least ${String(r.settings.analyticsDurationS)} s ` +
      `and ${String(r.settings.analyticsMinSamples)} samples, after one untimed request.`,
  );
  const s = r.subjects;
  out.push(`- Subjects, picked from the data (ties by code):`);
  out.push(`  - (a) enterprise \`${s.enterprise}\` (${s.enterpriseSuppliers} supply links in): ${r.subjectRules.enterprise};`);
  out.push(`  - (b) city \`${s.city}\` (${int(s.cityEnterprises)} enterprises): ${r.subjectRules.city};`);
  out.push(`  - (c) product \`${s.product}\` (${s.productProducers} producers): ${r.subjectRules.product};`);
  out.push(
    `  - (d) search text \`${s.searchText}\` (in ${int(s.searchTextEnterprises)} enterprise names; ${s.searchHits} hits read): ${r.subjectRules.searchText};`,
  );
  out.push(
    `  - (e) ${s.nodeCodes.length} enterprises \`${s.nodeCodes[0]}\` … \`${s.nodeCodes[s.nodeCodes.length - 1]}\`: ${r.subjectRules.nodeCodes};`,
  );
  out.push(`  - analytics: ${chainsLine(s, r.subjectRules)}`);
  out.push("");

  out.push("## Three-way reads", "");
  for (const read of r.reads) out.push(`- **${read.title}**: ${read.definition}.`);
  out.push("");
  out.push(
    "| read | way | p50 ms | p95 ms | p99 ms | req/s | requests | errors | server CPU ms/request |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const read of r.reads) {
    for (const way of ["ours", "raw", "neo4jGraphql"] as const) {
      const w = read.ways[way];
      out.push(
        `| ${read.id} | ${WAY_NAMES[way]} | ${ms(w.p50)} | ${ms(w.p95)} | ${ms(w.p99)} | ${fixed(w.rps, 1)} | ${w.requests} | ${w.errors + w.badBodies} | ${fixed(w.serverCpuMsPerRequest, 1)} |`,
      );
    }
  }
  out.push("");
  out.push(
    "| read | ours ÷ raw, p50 | goal ≤ 1.3 | ours ÷ @neo4j/graphql, req/s | goal ≥ 1.5 | ours ÷ raw, server CPU ms/request | goal ≤ 2 | same data | items (raw) | our round trips |",
    "|---|---:|---|---:|---|---:|---|---|---|---:|",
  );
  for (const read of r.reads) {
    const counts = Object.entries(read.equivalence.counts.raw)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    out.push(
      `| ${read.id} | ${fixed(read.oursOverRawP50)} | ${yes(read.oursOverRawP50 <= 1.3)} | ${fixed(read.oursOverNeo4jGraphqlRps)} | ` +
        `${yes(read.oursOverNeo4jGraphqlRps >= 1.5)} | ${fixed(read.oursOverRawCpu)} | ` +
        `${yes(typeof read.oursOverRawCpu === "number" ? read.oursOverRawCpu <= 2 : undefined)} | ` +
        `${yes(read.equivalence.ok)} | ${counts} | ${read.oursRoundTrips ?? "–"} |`,
    );
  }
  out.push(
    "",
    "Items are counted on the canonical lines each answer is flattened into (bench/cases.ts); the raw and @neo4j/graphql answers are one " +
      "database round trip each; *our round trips* is the number of Cypher statements the service ran for one request (its debug log). " +
      "*Server CPU ms/request* is the CPU time (user + system) of the server's process over the timed window, divided by its requests.",
  );
  const diffs = r.reads.flatMap((read) => read.equivalence.differences.map((d) => `${read.id}: ${d}`));
  if (diffs.length) out.push("", "Differences found by the equivalence check:", "", ...diffs.map((d) => `- \`${d}\``));
  out.push("");

  out.push("## Analytics", "");
  const a = r.analytics;
  if (a.skipped) out.push("Skipped (`--skip-analytics`).", "");
  else if (!a.available || !a.rows) {
    out.push("**Not available**: the service's schema has none of the analytics queries.", "");
  } else {
    out.push(...analyticsTables(a as AnalyticsSection));
  }
  const missing = Object.entries(a.missing);
  if (missing.length) out.push(`Not run: ${missing.map(([k, v]) => `\`${k}\` (${v})`).join(", ")}.`, "");

  out.push("## Resources", "");
  out.push("| process | peak RSS (VmHWM) MiB | largest sampled RSS under load MiB |", "|---|---:|---:|");
  for (const way of ["ours", "raw", "neo4jGraphql"] as const) {
    const res = r.resources[way];
    out.push(`| ${WAY_NAMES[way]} | ${fixed(res?.peakRssMiB, 1)} | ${fixed(res?.maxSampledRssMiB, 1)} |`);
  }
  const ours = r.resources.ours;
  out.push(
    "",
    `The service's peak RSS (VmHWM of its node process over its whole life: start-up, the reads and the analytics) is ` +
      `**${fixed(ours?.peakRssMiB, 1)} MiB** = ${fixed((ours?.peakRssMiB ?? Number.NaN) * 1.048576, 0)} MB ` +
      `(after the reads: ${Object.entries(ours?.peakRssAfterReadMiB ?? {})
        .map(([id, v]) => `${fixed(v, 1)} MiB after (${id})`)
        .join(", ")}); goal ≤ 400 MB: ${yes(
        ours?.peakRssMiB === null || ours?.peakRssMiB === undefined ? undefined : ours.peakRssMiB * 1.048576 <= 400,
      )}.`,
    "",
  );

  out.push("## Import", "");
  if (!r.import) out.push("Not run in this benchmark (see `bench/import.ts`).", "");
  else out.push(...importTables(r.import));

  out.push("## Query plans", "");
  if (!r.plans.length) out.push("Not checked (`--skip-profile`).", "");
  else {
    out.push(
      "Every distinct statement the service sent for the reads (and for each analytics query, city scope), captured from its " +
        "`LOG_LEVEL=debug` log, and the raw statements, each run once with `PROFILE`. A label scan is flagged where it reads a whole label.",
      "",
    );
    out.push("| source | operation | db hits | label scans |", "|---|---|---:|---|");
    for (const p of r.plans) {
      out.push(
        `| ${p.source} | ${p.operation} | ${int(p.dbHits)} | ${p.scans.length ? p.scans.map((x) => `**${x.operator}** ${x.details.replace(/\|/g, "\\|")} (${int(x.rows)} rows)`).join("; ") : "none"} |`,
      );
    }
    out.push("");
    for (const p of r.plans.filter((x) => x.scans.length)) {
      out.push(`### ${p.source} ${p.operation}`, "", "```cypher", p.cypher, "```", "", "```", ...p.plan, "```", "");
    }
  }
  return `${out.join("\n")}\n`;
}

const ROLE_NAMES = { about60: "closest to 60 products", largest: "largest" } as const;

/** "chain `X` (58 products; closest to 60 products and largest; 1 MISSING in the city) …" with the rules. */
export function chainsLine(
  s: AnalyticsSubjects,
  rules: Pick<typeof SUBJECT_RULES, "chainAbout60" | "chainLargest" | "circle" | "province">,
) {
  const chains = s.chains
    .map(
      (c) =>
        `chain \`${c.code}\` (${int(c.products)} products of ${s.chainCount} chains' catalogue; ${c.roles.map((x) => ROLE_NAMES[x]).join(" and ")}; ` +
        `${c.missingInCity} product(s) MISSING in the city)`,
    )
    .join(" and ");
  return (
    `${chains}; rules: ${rules.chainAbout60}; ${rules.chainLargest}. The same city \`${s.city}\` (${int(s.cityEnterprises)} enterprises), ` +
    `circle \`${s.circle}\` (${rules.circle}), province \`${s.province}\` (${rules.province}).`
  );
}

export type AnalyticsSection = AnalyticsTimings & { chains: AnalyticsChain[]; scopes: Record<ScopeKind, string> };

const BOUND_NAMES: Record<LowerBound, string> = {
  derived: "derived",
  derivedCities: "derived + cities",
  structure: "structure",
  deliveries: "structure + deliveries",
};

/** A bound's counts, sums of volumes rounded. */
const counted = (counts: unknown) =>
  JSON.stringify(counts, (_key, value: unknown) =>
    typeof value === "number" && !Number.isInteger(value) ? Math.round(value) : value,
  );

/** The lower bounds' table and the analyses' table, for any number of chains. */
export function analyticsTables(a: AnalyticsSection): string[] {
  const out: string[] = [];
  const goal = a.goalBound;
  out.push(
    `One request at a time. Each lower bound is one raw Cypher statement (the raw endpoint of bench/raw-server.ts, so it pays the ` +
      `same HTTP and JSON costs) that reads only what an analysis of the chain in the scope must read, and counts it (bench/cases.ts, ` +
      `\`LOWER_BOUNDS\`). **The goal (≤ ${BOUND_GOAL} × the bound, p50 over p50) uses the \`${goal}\` bound**, redefined for derived data: ` +
      "the analyses no longer read enterprises, but the chain's products, their REQUIRES edges (inputs) and the derived `IN_REGION` " +
      "relationship of each product of that neighbourhood (chain products and their direct inputs) to the scope region, with its " +
      "producers, demanders and volumes; that is the least any region-scope analysis reads. The other columns: **derived + cities** " +
      "adds the `IN_REGION` relationships to each city of the scope (what chainMap and cooperationOpportunities read on top); " +
      "**structure** (the goal's bound before derived data) reads every producer of the chain's products in the scope, and " +
      "**structure + deliveries** also every supply link of them into the scope; the analyses no longer read those, so these two are " +
      "shown for comparison with earlier runs only. A ratio below 1 means the analysis reads less than the bound: resilience starts " +
      "from the removed firms, and on a large chain the analyses that keep only demanded products or the first N items skip most " +
      "of the chain's `IN_REGION` relationships.",
    "",
  );
  if (a.floor)
    out.push(
      `The service's floor, for scale: one GraphQL request that reads one chain by code (one indexed statement, \`${FLOOR_QUERY}\`), ` +
        `one at a time: p50 **${ms(a.floor.p50)} ms**, p95 ${ms(a.floor.p95)} ms over ${a.floor.requests} samples. An analysis makes ` +
        "four or five round trips (scope, chain data, code lists, the entities of its answer), so with a bound of a few milliseconds " +
        "its ratio to the bound is mostly that floor.",
      "",
    );
  out.push("| chain | scope | lower bound | p50 ms | p95 ms | samples | counted |", "|---|---|---|---:|---:|---:|---|");
  for (const [chain, scopes] of Object.entries(a.lowerBounds)) {
    for (const [scope, bounds] of Object.entries(scopes) as Array<
      [
        ScopeKind,
        Partial<
          Record<LowerBound, { result?: { p50: number; p95: number; requests: number }; counts?: unknown; error?: string }>
        >,
      ]
    >) {
      for (const [bound, lb] of Object.entries(bounds) as Array<[LowerBound, NonNullable<(typeof bounds)[LowerBound]>]>) {
        out.push(
          `| ${chain} | ${scope} \`${a.scopes[scope]}\` | ${BOUND_NAMES[bound] ?? bound}${bound === goal ? " (goal)" : ""} | ${ms(lb.result?.p50)} | ${ms(lb.result?.p95)} | ${lb.result?.requests ?? "–"} | ${(lb.error ?? counted(lb.counts)).replace(/\|/g, "\\|")} |`,
        );
      }
    }
  }
  out.push("");
  const extras = (["derivedCities", "structure", "deliveries"] as LowerBound[]).filter((b) =>
    a.rows.some((row) => row.bounds?.[b] !== undefined),
  );
  out.push(
    `| chain | query | scope | p50 ms | p95 ms | samples | p95 ≤ ${P95_GOAL_MS / 1000} s | ÷ ${BOUND_NAMES[goal]} bound (p50) | goal ≤ ${BOUND_GOAL} | ${extras.map((b) => `÷ ${BOUND_NAMES[b]} (p50)`).join(" | ")}${extras.length ? " | " : ""}answer bytes | service CPU ms/request |`,
    `|---|---|---|---:|---:|---:|---|---:|---|${extras.map(() => "---:|").join("")}---:|---:|`,
  );
  for (const row of a.rows) {
    if (row.error) {
      out.push(
        `| ${row.chain} | ${row.query} | ${row.scope} | error: ${row.error.replace(/\|/g, "\\|")} |${" |".repeat(8 + extras.length)}`,
      );
      continue;
    }
    const res = row.result!;
    out.push(
      `| ${row.chain} | ${row.query} | ${row.scope} | ${ms(res.p50)} | ${ms(res.p95)} | ${res.requests} | ${yes(row.meetsP95)} | ${fixed(row.ratioP50, 1)} | ${yes(row.meetsBound)} | ` +
        `${extras.map((b) => `${fixed(row.bounds?.[b]?.ratioP50, 1)} | `).join("")}${int(res.bytesPerResponse)} | ${fixed(res.serverCpuMsPerRequest, 1)} |`,
    );
  }
  out.push("");
  const timed = a.rows.filter((row) => row.result);
  const p95Misses = timed.filter((row) => !row.meetsP95);
  const boundMisses = timed.filter((row) => row.meetsBound === false);
  out.push(
    `Goals: p95 ≤ ${P95_GOAL_MS / 1000} s in **${timed.length - p95Misses.length} of ${timed.length}** cases` +
      (p95Misses.length ? ` (misses: ${p95Misses.map((row) => `${row.query} ${row.chain} ${row.scope}`).join(", ")})` : "") +
      `; ≤ ${BOUND_GOAL} × the ${BOUND_NAMES[goal]} bound in **${timed.length - boundMisses.length} of ${timed.length}**` +
      (boundMisses.length
        ? ` (misses: ${boundMisses.map((row) => `${row.query} ${row.chain} ${row.scope} ×${fixed(row.ratioP50, 1)}`).join(", ")})`
        : "") +
      (a.rows.length > timed.length ? `; ${a.rows.length - timed.length} case(s) answered with an error` : "") +
      ".",
    "",
  );
  return out;
}

/** The import benchmark's table and ratio. */
export function importTables(imp: ImportBenchResult): string[] {
  const out: string[] = [];
  out.push(
    `\`${imp.folder}\` into an empty database (${imp.date}), batches of ${imp.batchSize}, ${int(imp.totalRows)} rows ` +
      `(${Object.entries(imp.rows)
        .map(([k, v]) => `${k} ${int(v)}`)
        .join(", ")}).`,
    "",
  );
  out.push("| loader | seconds | rows/s |", "|---|---:|---:|");
  const derived = imp.ours.derivedSeconds;
  out.push(
    `| our importer (\`importDataSet\`: validation + writes${derived === undefined ? "" : " + derived data"}) | ${fixed(imp.ours.seconds, 1)} | ${int(imp.ours.rowsPerSecond)} |`,
  );
  if (imp.ours.validationSeconds !== undefined) out.push(`| … of which validation | ${fixed(imp.ours.validationSeconds, 1)} | |`);
  if (derived !== undefined) {
    const what = imp.ours.derived
      ? ` (${int(imp.ours.derived.products)} products, ${int(imp.ours.derived.inRegion)} \`IN_REGION\` relationships)`
      : "";
    out.push(`| … of which derived data recomputation${what} | ${fixed(derived, 1)} | |`);
    out.push(
      `| … our importer without the derived data | ${fixed(imp.ours.seconds - derived, 1)} | ${int(imp.totalRows / (imp.ours.seconds - derived))} |`,
    );
  }
  out.push(
    `| bare \`UNWIND $rows MERGE\` loader (bench/import.ts) | ${fixed(imp.bare.seconds, 1)} | ${int(imp.bare.rowsPerSecond)} |`,
  );
  out.push("");
  out.push(
    `Ours ÷ bare (time${derived === undefined ? "" : ", derived data included"}): **${fixed(imp.ratio)}** (goal ≤ ${imp.goal}: ${yes(imp.ratio <= imp.goal)})` +
      (derived === undefined ? "" : `; without the derived data: ${fixed((imp.ours.seconds - derived) / imp.bare.seconds)}`) +
      `. Both wrote the same graph (node and relationship counts per label and type${derived === undefined ? "" : ", derived data left out"}): ${yes(imp.sameGraph)}.`,
    "",
  );
  return out;
}

/** The sections of the catalogue-growth benchmark (bench/catalogue.ts). */
export function renderCatalogue(c: CatalogueResults): string {
  const out: string[] = [];
  const m = c.machine;
  const sizes = c.sizes;
  const largest = sizes.reduce<CatalogueSize | undefined>((a, b) => (!a || b.products > a.products ? b : a), undefined);
  out.push("# Catalogue growth", "");
  out.push(
    `Run of \`bench/catalogue.ts\` on ${m.date.slice(0, 10)} (${m.date}, ${fixed(c.minutes, 0)} minutes), service ${c.versions.service}, ` +
      `generator sources ${c.versions.generator}; ${m.nproc} cores, load average ${m.loadAverage.join(", ")} at start and ` +
      `${c.machineAtEnd?.loadAverage.join(", ") ?? "–"} at the end (other work shared the machine). Neo4j ${largest?.graph.neo4j ?? "–"} at ` +
      `\`${String(c.settings.neo4jUri)}\`. Each catalogue: \`npm run generate -- --enterprises ${String(c.settings.enterprises)} --links ${String(c.settings.links)} ` +
      `--products N --seed ${String(c.settings.seed)}\`, imported into an emptied database by our importer (derived data included), ` +
      "then timed through the service (`src/main.ts`, `SEED=none`) one request at a time.",
    "",
  );
  const a = c.settings.analytics as { durationS: number; minSamples: number; maxS: number };
  out.push(
    `Samples: each analytics case for at least ${a.minSamples} requests and ${a.durationS} s, at most ${a.maxS} s, after one untimed ` +
      "request; p95 is the nearest rank, so over 10 to 20 samples it is the slowest or second slowest. The extra lower bounds take " +
      `${String((c.settings.extraBounds as { minSamples: number }).minSamples)} samples.`,
    "",
  );
  out.push("## Data sets", "");
  out.push(
    "| products | chains | REQUIRES | enterprises | supply links | data set | our import s (derived data included) | … derived data s | IN_REGION | timed chains |",
    "|---:|---:|---:|---:|---:|---|---:|---:|---:|---|",
  );
  for (const size of sizes) {
    const imp = size.importBench
      ? {
          seconds: size.importBench.ours.seconds,
          derived: size.importBench.ours.derivedSeconds,
          inRegion: size.importBench.ours.derived?.inRegion,
        }
      : size.import
        ? { seconds: size.import.seconds, derived: size.import.derivedSeconds, inRegion: size.import.derived.inRegion }
        : undefined;
    const g = size.graph;
    out.push(
      `| ${int(size.products)} | ${int(g.nodes.IndustryChain ?? 0)} | ${int(g.relationships.REQUIRES ?? 0)} | ${int(g.nodes.Enterprise ?? 0)} | ` +
        `${int(g.relationships.SUPPLIES ?? 0)} | ${size.generated} | ${fixed(imp?.seconds, 1)} | ${fixed(imp?.derived, 1)} | ` +
        `${imp?.inRegion === undefined ? "–" : int(imp.inRegion)} | ${size.subjects.chains.map((x) => `\`${x.code}\` (${int(x.products)} products; ${x.roles.map((r) => ROLE_NAMES[r]).join(", ")}; ${int(x.missingInCity)} MISSING in the city)`).join(", ")} |`,
    );
  }
  out.push("");
  const s0 = sizes[0]?.subjects;
  if (s0)
    out.push(
      `Subjects in each catalogue, by rule: ${c.subjectRules.chainAbout60}; ${c.subjectRules.chainLargest} (at the largest size only); ` +
        `the city \`${s0.city}\` (${c.subjectRules.city}), circle \`${s0.circle}\` (${c.subjectRules.circle}), province \`${s0.province}\` ` +
        `(${c.subjectRules.province}).`,
      "",
    );

  // ---- growth
  out.push("## Growth: the chain closest to 60 products", "");
  const small = (size: CatalogueSize) => size.subjects.chains.find((x) => x.roles.includes("about60"))?.code;
  const keys: Array<{ query: string; scope: ScopeKind }> = [];
  for (const size of sizes)
    for (const row of size.analytics.rows)
      if (row.chain === small(size) && !keys.some((k) => k.query === row.query && k.scope === row.scope))
        keys.push({ query: row.query, scope: row.scope });
  out.push(
    `p50 / p95 in ms per catalogue size (chains: ${sizes.map((size) => `${int(size.products)}: \`${small(size) ?? "–"}\``).join(", ")}). ` +
      `*max ÷ min* is over the sizes; **the goal (≤ ${GROWTH_GOAL}) is checked on the p50s**, the p95 ratio is shown beside it (p95 is ` +
      "the slowest of few samples, so it moves with noise from the rest of the machine). The last rows are the goal's lower bound " +
      "for the same chain and scope, and what it counted: the chain's producers and demanders in the scope. The generator hands a " +
      "chain enterprises by its share of the catalogue, so the same 60-product chain has many more firms in a small catalogue: a " +
      "case slower in the small catalogue follows its chain's firms (code lists, candidate firms), one slower in the large " +
      "catalogue follows the catalogue. The table after this one compares the sizes statement by statement.",
    "",
  );
  out.push(
    `| query | scope | ${sizes.map((size) => `${int(size.products)} products`).join(" | ")} | max ÷ min p50 | max ÷ min p95 | goal ≤ ${GROWTH_GOAL} |`,
    `|---|---|${sizes.map(() => "---:|").join("")}---:|---:|---|`,
  );
  const ratio = (xs: Array<number | undefined>) => {
    const v = xs.filter((x): x is number => typeof x === "number" && Number.isFinite(x));
    return v.length === xs.length && v.length > 1 ? Math.max(...v) / Math.min(...v) : undefined;
  };
  let met = 0;
  for (const k of keys) {
    const rows = sizes.map((size) =>
      size.analytics.rows.find((r) => r.chain === small(size) && r.query === k.query && r.scope === k.scope),
    );
    const p50 = ratio(rows.map((r) => r?.result?.p50));
    const p95 = ratio(rows.map((r) => r?.result?.p95));
    if (p50 !== undefined && p50 <= GROWTH_GOAL) met++;
    out.push(
      `| ${k.query} | ${k.scope} | ${rows.map((r) => (r?.result ? `${ms(r.result.p50)} / ${ms(r.result.p95)}` : r?.error ? "error" : "–")).join(" | ")} | ` +
        `${fixed(p50)} | ${fixed(p95)} | ${yes(p50 === undefined ? undefined : p50 <= GROWTH_GOAL)} |`,
    );
  }
  for (const scope of ["city", "circle", "province"] as const) {
    const bounds = sizes.map(
      (size) => size.analytics.lowerBounds[small(size) ?? ""]?.[scope]?.[size.analytics.goalBound]?.result,
    );
    out.push(
      `| *${largest?.analytics.goalBound ?? "derived"} bound* | ${scope} | ${bounds.map((b) => (b ? `${ms(b.p50)} / ${ms(b.p95)}` : "–")).join(" | ")} | ` +
        `${fixed(ratio(bounds.map((b) => b?.p50)))} | ${fixed(ratio(bounds.map((b) => b?.p95)))} | |`,
    );
  }
  for (const scope of ["city", "circle", "province"] as const) {
    const counts = sizes.map(
      (size) =>
        size.analytics.lowerBounds[small(size) ?? ""]?.[scope]?.[size.analytics.goalBound]?.counts as
          { producers?: number; demanders?: number } | undefined,
    );
    out.push(
      `| *producers / demanders in scope* | ${scope} | ${counts.map((x) => (x ? `${int(x.producers ?? 0)} / ${int(x.demanders ?? 0)}` : "–")).join(" | ")} | | | |`,
    );
  }
  out.push("", `Growth goal met in **${met} of ${keys.length}** analysis × scope cases.`, "");
  if (sizes.some((size) => size.breakdowns?.length)) {
    out.push(
      "Where the time of each case goes, per catalogue size: one request sent to a `LOG_LEVEL=debug` service after a warm-up one; " +
        "the service's own time for it, then each statement it ran with its time (session to last record) and its db hits " +
        "(`PROFILE`), and the answer's size. One request each, so single milliseconds are noise; db hits are exact. Cases that miss " +
        "the growth goal first. The number of statements follows the answer: an analysis with nothing to list (no MISSING product, " +
        "no short board) stops after the chain data.",
      "",
    );
    out.push(
      `| query | scope | ${sizes.map((size) => `${int(size.products)} products: request ms; statement ms (db hits)`).join(" | ")} |`,
      `|---|---|${sizes.map(() => "---|").join("")}`,
    );
    const growthOf = (k: (typeof keys)[number]) =>
      ratio(
        sizes.map(
          (size) =>
            size.analytics.rows.find((r) => r.chain === small(size) && r.query === k.query && r.scope === k.scope)?.result?.p50,
        ),
      );
    const ordered = [...keys].sort(
      (a, b) => Number((growthOf(a) ?? 0) <= GROWTH_GOAL) - Number((growthOf(b) ?? 0) <= GROWTH_GOAL),
    );
    for (const k of ordered) {
      const cells = sizes.map((size) => {
        const b = size.breakdowns?.find((x) => x.chain === small(size) && x.query === k.query && x.scope === k.scope);
        if (!b) return "–";
        const row = size.analytics.rows.find((r) => r.chain === b.chain && r.query === b.query && r.scope === b.scope);
        return `**${b.requestMs ?? "?"}** (answer ${int(row?.result?.bytesPerResponse ?? 0)} B); ${b.statements.map((st) => `${st.operation.replace(/^analytics\./, "")} ${st.ms ?? "?"} (${int(st.plan.dbHits)})`).join(", ")}`;
      });
      out.push(`| ${k.query} | ${k.scope} | ${cells.join(" | ")} |`);
    }
    out.push("");
  }

  // ---- the largest catalogue
  if (largest) {
    out.push(`## Analytics at ${int(largest.products)} products`, "");
    out.push(...analyticsTables(largest.analytics));
    if (largest.text?.length) {
      out.push(`## search and products(filter: {text}) at ${int(largest.products)} products`, "");
      out.push(
        `Texts: **broad**: ${TEXT_RULES.broad}; **narrow**: ${TEXT_RULES.narrow}. \`search(text:, first: 20)\` reads the ` +
          "`entity_names` full-text index (every label); `products(first: 20, filter: {text})` matches `searchText CONTAINS` (a TEXT " +
          `index) and returns totalCount, 20 nodes and pageInfo. One request at a time, then under load: ` +
          `${String((c.settings.text as { connections: number }).connections)} connections, one request in flight each, ` +
          `${String((c.settings.text as { durationS: number }).durationS)} s after 2 s of warm-up.`,
        "",
      );
      out.push(
        "| query | text | matches | one at a time p50 ms | p95 ms | samples | under load p50 ms | p95 ms | req/s | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
      );
      for (const t of largest.text) {
        out.push(
          `| ${t.id} | ${t.kind} \`${t.text}\` | ${int(t.matches)} | ${ms(t.sequential.p50)} | ${ms(t.sequential.p95)} | ${t.sequential.requests} | ` +
            `${ms(t.loaded.p50)} | ${ms(t.loaded.p95)} | ${fixed(t.loaded.rps, 1)} | ${t.loaded.errors + t.loaded.badBodies + t.sequential.errors + t.sequential.badBodies} |`,
        );
      }
      out.push("");
    }
    if (largest.importBench) {
      out.push(`## Import at ${int(largest.products)} products`, "");
      out.push(...importTables(largest.importBench));
    }
    // The ~60-product chain's cases are all in the growth section's comparison; here the other chains' misses.
    const missed = (largest.breakdowns ?? []).filter((b) => {
      const row = largest.analytics.rows.find((r) => r.chain === b.chain && r.query === b.query && r.scope === b.scope);
      return row && b.chain !== small(largest) && (!row.meetsP95 || row.meetsBound === false);
    });
    if (missed.length) {
      out.push(`## Where the time goes (cases of the larger chains that miss a goal, ${int(largest.products)} products)`, "");
      out.push(
        "Each case was sent once more to a service with `LOG_LEVEL=debug`, which logs every statement with its time (session to " +
          "last record) and rows; each statement was then run with `PROFILE`. *Request ms* is the service's own time for the request; " +
          "the difference from the statements' sum is the service's work (building the answer, code lists, JSON).",
        "",
      );
      out.push(
        "| case | request ms | statement | ms | rows | db hits | heaviest operators (db hits) |",
        "|---|---:|---|---:|---:|---:|---|",
      );
      for (const b of missed) {
        b.statements.forEach((st, i) => {
          out.push(
            `| ${i === 0 ? `${b.query} ${b.chain} ${b.scope}` : ""} | ${i === 0 ? (b.requestMs ?? "–") : ""} | ${st.operation} | ${st.ms ?? "–"} | ${st.rows ?? "–"} | ${int(st.plan.dbHits)} | ` +
              `${(st.plan.heaviest ?? [])
                .slice(0, 3)
                .map(
                  (o) =>
                    `${o.operator} \`${o.details.replace(/\s+/g, " ").slice(0, 80).replace(/\|/g, "\\|")}\` (${int(o.dbHits)})`,
                )
                .join("; ")} |`,
          );
        });
      }
      out.push("");
    }
  }
  return `${out.join("\n")}\n`;
}

/**
 * Renders `<dir>/results.md` from whichever of `<dir>/results.json` (`npm run bench`) and the catalogue
 * results (default `<dir>/results.catalogue.json`) exist; returns its path.
 */
export function writeReport(dir: string = BENCH, catalogueFile = path.join(dir, "results.catalogue.json")): string {
  const read = <T>(file: string): T | null => (existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null);
  const results = read<Results>(path.join(dir, "results.json"));
  const catalogue = read<CatalogueResults>(catalogueFile);
  const parts: string[] = [];
  if (results) parts.push(renderMarkdown(results));
  if (catalogue) parts.push(renderCatalogue(catalogue));
  const file = path.join(dir, "results.md");
  writeFileSync(file, parts.join("\n"));
  return file;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) process.stdout.write(`written ${writeReport(process.argv[2] ? path.resolve(process.argv[2]) : BENCH)}\n`);

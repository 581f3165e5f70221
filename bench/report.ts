/** bench/results.md from the results object. */
import type { Results, Way } from "./run.js";
import { fixed, ms } from "./util.js";

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
  out.push(
    `  - analytics: chain \`${s.chain}\` (${s.chainMissingInCity} product(s) MISSING in the city): ${r.subjectRules.chain}; ` +
      `the same city \`${s.city}\`, circle \`${s.circle}\` (${r.subjectRules.circle}), province \`${s.province}\` (${r.subjectRules.province}).`,
  );
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
  else if (!a.available) {
    out.push("**Not available**: the service's schema has none of the analytics queries.", "");
  } else {
    out.push(
      `Chain \`${a.chain}\`. Two lower bounds, each one raw Cypher statement (same HTTP endpoint as the raw reads, bench/cases.ts) that ` +
        "reads only the chain's subgraph for the scope and counts it: **structure** (the issue's lower bound): the chain's products, " +
        "their REQUIRES edges, and their producers located in the scope; **+ deliveries**: the same plus the supply links of the chain's " +
        "products delivered into the scope, with their volumes, which local supply shares (LOW_LOCAL_SHARE in shortBoards and chainMap) " +
        "and existing links (cooperation) also need. The goal is checked against the structure bound.",
      "",
    );
    out.push("| scope | lower bound | p50 ms | p95 ms | counted |", "|---|---|---:|---:|---|");
    for (const [scope, bounds] of Object.entries(a.lowerBounds)) {
      for (const [bound, lb] of Object.entries(bounds)) {
        out.push(
          `| ${scope} \`${a.scopes[scope]}\` | ${bound} | ${ms(lb.result?.p50)} | ${ms(lb.result?.p95)} | ${lb.error ?? JSON.stringify(lb.counts)} |`,
        );
      }
    }
    out.push("");
    out.push(
      "| query | scope | p50 ms | p95 ms | samples | ÷ structure bound (p50) | goal ≤ 3 | ÷ structure + deliveries (p50) | answer bytes | service CPU ms/request |",
      "|---|---|---:|---:|---:|---:|---|---:|---:|---:|",
    );
    for (const row of a.rows) {
      if (row.error) {
        out.push(`| ${row.query} | ${row.scope} | error: ${row.error.replace(/\|/g, "\\|")} | | | | | | | |`);
        continue;
      }
      const res = row.result!;
      out.push(
        `| ${row.query} | ${row.scope} | ${ms(res.p50)} | ${ms(res.p95)} | ${res.requests} | ${fixed(row.ratioP50, 1)} | ${yes(row.ratioP50 === undefined ? undefined : row.ratioP50 <= 3)} | ${fixed(row.ratioDeliveriesP50, 1)} | ${int(res.bytesPerResponse)} | ${fixed(res.serverCpuMsPerRequest, 1)} |`,
      );
    }
    out.push("");
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
  const imp = r.import;
  if (!imp) out.push("Not run in this benchmark (see `bench/import.ts`).", "");
  else {
    out.push(
      `\`${imp.folder}\` into an empty database (${imp.date}), batches of ${imp.batchSize}, ${int(imp.totalRows)} rows ` +
        `(${Object.entries(imp.rows)
          .map(([k, v]) => `${k} ${int(v)}`)
          .join(", ")}).`,
      "",
    );
    out.push("| loader | seconds | rows/s |", "|---|---:|---:|");
    out.push(
      `| our importer (\`importDataSet\`: validation + writes) | ${fixed(imp.ours.seconds, 1)} | ${int(imp.ours.rowsPerSecond)} |`,
    );
    out.push(
      `| bare \`UNWIND $rows MERGE\` loader (bench/import.ts) | ${fixed(imp.bare.seconds, 1)} | ${int(imp.bare.rowsPerSecond)} |`,
    );
    out.push("");
    out.push(
      `Ours ÷ bare (time): **${fixed(imp.ratio)}** (goal ≤ ${imp.goal}: ${yes(imp.ratio <= imp.goal)}). Both wrote the same graph (node and relationship counts per label and type): ${yes(imp.sameGraph)}.`,
      "",
    );
  }

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

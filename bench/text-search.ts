/**
 * `search` and `products(filter: {text})` at a large catalogue: the texts, picked from the data by
 * rule, and their timings one request at a time and under load.
 */
import type { Driver } from "neo4j-driver";
import { loadTest, sequential, type LoadResult } from "./load.js";

export interface TextCase {
  id: "search" | "products";
  /** Which word: broad (matches the most products) or narrow (one product's full name). */
  kind: "broad" | "narrow";
  text: string;
  query: string;
  /** Hits returned (search) or totalCount (products) for the text. */
  matches: number;
  sequential: LoadResult;
  loaded: LoadResult;
}

export const TEXT_RULES = {
  broad: "the word (letters only, at least 4) in the English names of the most products: the text filter's worst case",
  narrow: "the English name of the product with the most producers (ties by code): a search a person types for one product",
};

const SEARCH_QUERY = `query Search($text: String!) { search(text: $text, first: 20) { score node { __typename code name nameZh } } }`;
const PRODUCTS_QUERY = `query Products($text: String!) {
  products(first: 20, filter: { text: $text }) { totalCount nodes { code name nameZh stage } pageInfo { hasNextPage endCursor } }
}`;

export async function textWords(driver: Driver, database: string | undefined): Promise<{ broad: string; narrow: string }> {
  const q = async (cypher: string) => (await driver.executeQuery(cypher, {}, { database, routing: "READ" })).records[0];
  const broad = await q(
    `MATCH (p:Product) UNWIND split(p.name, ' ') AS word
     WITH word, count(DISTINCT p) AS n WHERE word =~ '[A-Za-z]{4,}'
     RETURN word ORDER BY n DESC, word LIMIT 1`,
  );
  const narrow = await q(
    `MATCH (p:Product) WHERE p.name IS NOT NULL
     RETURN p.name AS word ORDER BY COUNT { (p)<-[:PRODUCES]-(:Enterprise) } DESC, p.code LIMIT 1`,
  );
  return { broad: String(broad?.get("word") ?? "material"), narrow: String(narrow?.get("word") ?? "material") };
}

/** search and products(filter: {text}): one request at a time, then under load of `connections`. */
export async function timeText(
  url: string,
  words: { broad: string; narrow: string },
  options: { samples: number; durationS: number; connections: number },
): Promise<TextCase[]> {
  const out: TextCase[] = [];
  for (const [id, query] of [
    ["search", SEARCH_QUERY],
    ["products", PRODUCTS_QUERY],
  ] as const) {
    for (const kind of ["broad", "narrow"] as const) {
      const text = words[kind];
      const body = JSON.stringify({ query, variables: { text } });
      const data = (await postJson(url, JSON.parse(body))).data as {
        search?: unknown[];
        products?: { totalCount: number };
      };
      const matches = id === "search" ? (data.search?.length ?? 0) : (data.products?.totalCount ?? 0);
      const seq = await sequential({ url, body }, { durationS: 0, minSamples: options.samples, maxS: 120 });
      const loaded = await loadTest(
        { url, body },
        { connections: options.connections, durationS: options.durationS, warmupS: 2 },
      );
      process.stderr.write(
        `  ${id.padEnd(8)} ${kind.padEnd(6)} "${text}" (${matches} ${id === "search" ? "hits" : "matches"}): one at a time p50 ${seq.p50.toFixed(1)} ms ` +
          `p95 ${seq.p95.toFixed(1)}; ${options.connections} connections p50 ${loaded.p50.toFixed(1)} p95 ${loaded.p95.toFixed(1)} ${loaded.rps.toFixed(0)} req/s\n`,
      );
      out.push({ id, kind, text, query, matches, sequential: seq, loaded });
    }
  }
  return out;
}

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200 || json.errors)
    throw new Error(`HTTP ${res.status}: ${JSON.stringify(json.errors ?? json).slice(0, 300)}`);
  return json;
}

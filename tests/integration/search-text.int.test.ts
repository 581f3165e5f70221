import fc from "fast-check";
import type { GraphQLFormattedError } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Executor } from "../../src/graph/db/executor.js";
import { logger, setupGraph } from "../support/graph.js";
import { serveApp } from "../support/serve.js";

const g = setupGraph("tests/fixtures/mini");

type Hits = Array<{ score: number; node: { __typename: string; code: string } }>;
const SEARCH = `query($t: String!) { search(text: $t) { score node { __typename code } } }`;
const hitCodes = (hits: Hits) => hits.map((h) => h.node.code);

/** Text that Lucene's query parser, Cypher or a regular expression would read as syntax. */
const HOSTILE = [
  "济南 AND",
  "AND",
  "OR",
  "NOT",
  "and",
  "Or",
  "AND OR NOT",
  "a AND",
  "OR a",
  "NOT NOT",
  "&&",
  "||",
  "!",
  "+",
  "-",
  "a && || b",
  "(",
  ")",
  "((济南",
  "{",
  "}",
  "[",
  "]",
  "[a TO b}",
  '"',
  '"济南',
  "^",
  "^2",
  "济南^2",
  "~",
  "济南~",
  "济南~0.5",
  "*",
  "?",
  "*济南",
  "济?",
  ":",
  "a:b",
  "title:x",
  "name:济南",
  "\\",
  "济南\\",
  "/",
  "/.*/",
  "/济南",
  "+济南 -青岛",
  ".*",
  "(?i)济南",
  "^$",
  "' }) MATCH (n) DETACH DELETE n //",
  "`",
  "`n`",
  "$param",
  "{text: $t}",
  "济南\u0000",
  "\u0007x\u001f",
  "a\u3000AND",
  "🙂",
  "x".repeat(100),
  "(".repeat(100),
  "AND ".repeat(25),
];

/** Text with nothing to search for: `search` refuses it, a `text` filter matches it as a substring. */
const BLANK = [" ", "\t\n", "\u3000", "\u0000", "\u0000 \u0007", "\u200b"];

/** Every argument of a root field that takes free text, with a selection to read. */
const TEXT_ROOTS = [
  { name: "search", document: SEARCH },
  ...["chains", "clusters", "enterprises", "products", "regions"].map((field) => ({
    name: `${field}(filter: {text})`,
    document: `query($t: String) { ${field}(filter: {text: $t}) { totalCount nodes { code } } }`,
  })),
];

const codes = (errors: readonly GraphQLFormattedError[] | undefined) => (errors ?? []).map((e) => e.extensions?.code);

describe("search text is plain text (mini fixture)", () => {
  it("finds the known names, alone and with Lucene's syntax around them", async () => {
    const cases: Array<[string, string]> = [
      ["济南", "X"],
      ["Alpha Servers", "E1"],
      ["济南 AND", "X"],
      ["AND 济南", "X"],
      ["济南 OR", "X"],
      ["NOT 济南", "X"],
      ["(济南", "X"],
      ['"济南', "X"],
      ["济南:", "X"],
      ["Alpha AND", "E1"],
      ["Alpha && Servers", "E1"],
      ["Servers)", "E1"],
      ["Epsilon, Inc.", "E5"],
      ["-Epsilon", "E5"],
      ["芯片 *", "CHIP"],
    ];
    for (const [text, code] of cases) {
      for (const planner of [true, false]) {
        const { data, errors } = await g.query<{ search: Hits }>(SEARCH, { t: text }, { planner });
        expect(errors, `${text} (planner: ${planner})`).toBeUndefined();
        expect(hitCodes(data!.search), `${text} (planner: ${planner})`).toContain(code);
      }
    }
  });

  it("takes the operator words as words: OR of the words typed, not an operator", async () => {
    // "Alpha AND Delta" was a Lucene AND, which no name satisfies; as plain words it finds both firms.
    const { data, errors } = await g.query<{ search: Hits }>(SEARCH, { t: "Alpha AND Delta" });
    expect(errors).toBeUndefined();
    expect(hitCodes(data!.search).sort()).toEqual(["E1", "E4"]);
    // "-Epsilon" was "not Epsilon"; "Epsilon NOT Inc." was "Epsilon but not Inc.".
    const not = await g.query<{ search: Hits }>(SEARCH, { t: "Epsilon NOT Inc." });
    expect(hitCodes(not.data!.search)).toEqual(["E5"]);
  });

  it("answers every free-text argument with data, never INTERNAL_SERVER_ERROR, on both paths", async () => {
    for (const root of TEXT_ROOTS) {
      for (const text of root.name === "search" ? HOSTILE : [...HOSTILE, ...BLANK]) {
        for (const planner of [true, false]) {
          const { data, errors } = await g.query<Record<string, unknown>>(root.document, { t: text }, { planner });
          const where = `${root.name} ${JSON.stringify(text)} (planner: ${planner})`;
          expect(errors, where).toBeUndefined();
          expect(data, where).not.toBeNull();
        }
      }
    }
  });

  it("refuses search text with nothing to search for, and text over 100 characters, with BAD_USER_INPUT", async () => {
    for (const text of BLANK) {
      const { errors } = await g.query(SEARCH, { t: text });
      expect(codes(errors), JSON.stringify(text)).toEqual(["BAD_USER_INPUT"]);
      expect(errors![0]!.message).toMatch(/nothing to search for/);
    }
    for (const text of ["", "x".repeat(101), "(".repeat(101)]) {
      const { errors } = await g.query(SEARCH, { t: text });
      expect(codes(errors), JSON.stringify(text)).toEqual(["BAD_USER_INPUT"]);
    }
  });

  it("answers any text with hits or BAD_USER_INPUT, never another error (property)", async () => {
    const lucene = fc.constantFrom(...'+-&|!(){}[]^"~*?:\\/ \t\u3000\u0000', "AND", "OR", "NOT", "TO", "济南", "Alpha");
    const text = fc.oneof(
      fc.string({ unit: "binary", minLength: 1, maxLength: 30 }),
      fc
        .array(fc.oneof(lucene, fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 10 })
        .map((parts) => parts.join(""))
        .filter((t) => t.length >= 1 && t.length <= 100),
    );
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const { data, errors } = await g.query<{ search: Hits }>(SEARCH, { t });
        const blank = !/[^\s\p{Cc}\p{Cf}\p{Z}]/u.test(t);
        if (blank) expect(codes(errors), JSON.stringify(t)).toEqual(["BAD_USER_INPUT"]);
        else {
          expect(errors, JSON.stringify(t)).toBeUndefined();
          expect(Array.isArray(data!.search)).toBe(true);
        }
      }),
      { numRuns: 200, seed: 20261204 },
    );
  });

  describe("through the HTTP service (the direct answer of planned reads)", () => {
    let url = "";
    let close: () => Promise<void> = async () => {};
    beforeAll(async () => {
      const served = await serveApp({
        executor: new Executor({ driver: g.driver, logger, timeoutMs: 10_000 }),
        rateLimit: { points: 100_000_000, windowSeconds: 3_600 },
      });
      url = served.url;
      close = served.close;
    });
    afterAll(async () => {
      await close();
    });

    const post = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return {
        status: res.status,
        body: (await res.json()) as { data?: Record<string, unknown>; errors?: GraphQLFormattedError[] },
      };
    };

    it('answers search(text: "济南 AND"), "OR", "(" and the rest with data', async () => {
      const known = await post(SEARCH, { t: "济南 AND" });
      expect(known.status).toBe(200);
      expect(known.body.errors).toBeUndefined();
      expect(hitCodes(known.body.data!.search as Hits)[0]).toBe("X");
      for (const root of TEXT_ROOTS) {
        for (const text of HOSTILE) {
          const { status, body } = await post(root.document, { t: text });
          const where = `${root.name} ${JSON.stringify(text)}`;
          expect(status, where).toBe(200);
          expect(body.errors, where).toBeUndefined();
        }
      }
    });

    it("refuses blank search text with BAD_USER_INPUT and a message that says why", async () => {
      const { body } = await post(SEARCH, { t: "  " });
      expect(codes(body.errors)).toEqual(["BAD_USER_INPUT"]);
      expect(body.errors![0]!.message).toMatch(/nothing to search for/);
      expect(body.errors![0]!.path).toEqual(["search"]);
    });
  });
});

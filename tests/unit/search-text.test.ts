import fc from "fast-check";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { escapeLucene, luceneQuery } from "../../src/graph/repositories/search.repository.js";

/**
 * A model of the lexer of Lucene's classic query parser (QueryParser.jj), the parser behind
 * `db.index.fulltext.queryNodes`: it splits at its five whitespace characters, takes `AND`, `OR`,
 * `NOT`, `&&` and `||` standing alone as operators (they win a tie with a term of the same length),
 * and reads `+ - ! ( ) : ^ [ ] " { } ~ * ? \ /` as syntax unless a backslash escapes them. A query of
 * plain terms only is one whose every word is a term made of ordinary characters and escaped ones.
 */
const LUCENE_WHITESPACE = /[ \t\n\r\u3000]+/;
const OPERATOR = /^(?:AND|OR|NOT|&&|\|\|)$/;
const PLAIN_TERM = /^(?:[^ \t\n\r\u3000+\-!():^[\]"{}~*?\\/&|]|\\[\s\S])+$/u;

function plainTerms(query: string): string[] {
  const words = query.split(LUCENE_WHITESPACE).filter((w) => w !== "");
  for (const word of words) {
    if (OPERATOR.test(word)) throw new Error(`"${word}" is an operator in ${JSON.stringify(query)}`);
    if (!PLAIN_TERM.test(word)) throw new Error(`"${word}" is not a plain term in ${JSON.stringify(query)}`);
  }
  return words;
}

/** What the parser reads back from a plain term: the characters without their escapes. */
const unescape = (word: string) => word.replace(/\\([\s\S])/gu, "$1");

/** The words a person typed, as the parser should see them: split at any space or control character. */
const typedWords = (text: string) => text.split(/[\s\p{Cc}\p{Z}]+/u).filter((w) => w !== "");

describe("escapeLucene: search text is plain text", () => {
  it.each([
    ["济南 AND", "济南 and"],
    ["OR", "or"],
    ["NOT", "not"],
    ["AND OR NOT", "and or not"],
    ["and", "and"],
    ["And", "and"],
    ["oR", "or"],
    ["nOt", "not"],
    ["ANDROID", "ANDROID"],
    ["BRAND", "BRAND"],
    ["NOTE OR", "NOTE or"],
    ["(", "\\("],
    [")", "\\)"],
    ['"', '\\"'],
    ['"unbalanced', '\\"unbalanced'],
    ["a:b", "a\\:b"],
    ["title:x", "title\\:x"],
    ["*", "\\*"],
    ["?", "\\?"],
    ["~", "\\~"],
    ["x~2", "x\\~2"],
    ["^2", "\\^2"],
    ["\\", "\\\\"],
    ["/", "\\/"],
    ["/regex/", "\\/regex\\/"],
    ["+", "\\+"],
    ["-", "\\-"],
    ["-济南", "\\-济南"],
    ["+a -b", "\\+a \\-b"],
    ["!", "\\!"],
    ["!a", "\\!a"],
    ["&&", "\\&\\&"],
    ["||", "\\|\\|"],
    ["a && b || c", "a \\&\\& b \\|\\| c"],
    ["{a TO b}", "\\{a TO b\\}"],
    ["[a TO b]", "\\[a TO b\\]"],
    ["C++ (OS)", "C\\+\\+ \\(OS\\)"],
    ["(济南 OR 青岛", "\\(济南 or 青岛"],
    ["a) b(", "a\\) b\\("],
    ["a\\", "a\\\\"],
    ["浪潮电子信息", "浪潮电子信息"],
    ["Inspur servers", "Inspur servers"],
  ])("%j → %j", (text, query) => {
    expect(escapeLucene(text)).toBe(query);
    plainTerms(query);
  });

  it("escapes every special character of Lucene's syntax, alone and inside a word", () => {
    for (const c of '+-&|!(){}[]^"~*?:\\/') {
      expect(escapeLucene(c)).toBe(`\\${c}`);
      expect(escapeLucene(`a${c}b`)).toBe(`a\\${c}b`);
      expect(escapeLucene(`${c}${c}`)).toBe(`\\${c}\\${c}`);
    }
  });

  it("lower-cases the operator words standing alone, in any case, and leaves words that contain them", () => {
    for (const word of ["AND", "OR", "NOT"]) {
      for (const spelled of [word, word.toLowerCase(), word[0] + word.slice(1).toLowerCase()]) {
        expect(escapeLucene(spelled)).toBe(word.toLowerCase());
        expect(escapeLucene(`济南 ${spelled}`)).toBe(`济南 ${word.toLowerCase()}`);
        expect(escapeLucene(`${spelled} 济南`)).toBe(`${word.toLowerCase()} 济南`);
        expect(escapeLucene(`${spelled}\u3000济南`)).toBe(`${word.toLowerCase()} 济南`);
      }
      expect(escapeLucene(`${word}X`)).toBe(`${word}X`);
      expect(escapeLucene(`(${word})`)).toBe(`\\(${word}\\)`);
    }
  });

  it("makes every run of whitespace, separators and control characters one space, and trims", () => {
    expect(escapeLucene("  济南\t\n\r大数据\u3000\u00a0AND\u0000\u001f OR\u2028")).toBe("济南 大数据 and or");
    expect(escapeLucene(" \t\n")).toBe("");
    expect(escapeLucene("\u0000\u0007")).toBe("");
    expect(escapeLucene("")).toBe("");
  });

  it("keeps long text whole", () => {
    const text = "济南 AND (大数据) ".repeat(100);
    const query = escapeLucene(text);
    expect(plainTerms(query).map(unescape)).toEqual(typedWords(text).map((w) => (/^and$/i.test(w) ? "and" : w)));
  });

  it("turns any text into plain terms that read back as the words typed (property)", () => {
    const lucene = fc.constantFrom(...'+-&|!(){}[]^"~*?:\\/ \t\n\r\u3000\u0000', "AND", "OR", "NOT", "&&", "||", "TO", "济南");
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.array(fc.oneof(lucene, fc.string({ maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join("")),
      fc.array(fc.oneof(lucene, fc.string({ maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join(" ")),
    );
    fc.assert(
      fc.property(text, (t) => {
        const words = plainTerms(escapeLucene(t)).map(unescape);
        expect(words).toEqual(typedWords(t).map((w) => (/^(?:and|or|not)$/i.test(w) ? w.toLowerCase() : w)));
      }),
      { numRuns: 2_000, seed: 20261204 },
    );
    // 2,000 runs take about 2 s alone, and more than the default 5 s on a loaded machine.
  }, 60_000);
});

describe("luceneQuery: refuses text with nothing to search for", () => {
  it.each(["", " ", "\t\n\r", "\u3000", "\u0000", "\u200b", "\ufeff \u00a0"])("%j is BAD_USER_INPUT", (text) => {
    let error: unknown;
    try {
      luceneQuery(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
    expect((error as GraphQLError).message).toMatch(/nothing to search for/);
  });

  it.each(["OR", "(", "*", "济南 AND", "a"])("%j is searched", (text) => {
    expect(luceneQuery(text)).toBe(escapeLucene(text));
  });
});

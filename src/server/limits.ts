import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  GraphQLError,
  Lexer,
  parse,
  Source,
  TokenKind,
  validate,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import type { DocumentLimits } from "../config.js";
import { ErrorCode } from "../errors.js";

/**
 * The document limits, checked before anything runs. Each refusal has its own code and names the
 * limit and its variable, so a client knows what to change (SECURITY.md lists them all).
 *
 * Depth, aliases and directives are graphql-armor's validation rules. Its Apollo wrapper reports every
 * refusal as BAD_USER_INPUT with a "Syntax Error:" prefix, and Apollo gives every validation error the
 * code GRAPHQL_VALIDATION_FAILED; so we take the rules alone, report through `onReject` with our own
 * codes, and run them on their own (DocumentChecker) before Apollo parses and validates: a document
 * past a limit gets that one error, not also the dozens the spec's rules would find in it (51 copies
 * of a non-repeatable directive are 50 spec errors). Armor's cost limit is not used: the planner's node count
 * (src/graph/planner/cost.ts) knows each list's real page size, which armor's flat per-field cost
 * does not. Size and tokens are checked on the raw text first, before parsing.
 */
export function limitError(code: ErrorCode, message: string, limit: number, variable: string): GraphQLError {
  return new GraphQLError(`${message} (${variable})`, { extensions: { code, limit: { name: variable, value: limit } } });
}

function reporter(code: ErrorCode, variable: string, limit: number, describe: (found: string) => string) {
  return (ctx: ValidationContext | null, error: GraphQLError) => {
    // Armor's messages end with "…, found N." (depth) or are fixed; keep only the number it found.
    const found = /found (\d+)/.exec(error.message)?.[1] ?? "more";
    ctx?.reportError(limitError(code, describe(found), limit, variable));
  };
}

/** graphql-armor's depth, alias and directive rules, reporting with the service's codes. */
function documentRules(limits: DocumentLimits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({
      ...common,
      n: limits.maxDepth,
      // Introspection is its own concern (server/access.ts); armor would otherwise count its deep query.
      ignoreIntrospection: true,
      onReject: [
        reporter(
          ErrorCode.QUERY_TOO_DEEP,
          "MAX_DEPTH",
          limits.maxDepth,
          (found) => `The operation nests fields ${found} deep, deeper than the limit of ${limits.maxDepth}`,
        ),
      ],
    }),
    maxAliasesRule({
      ...common,
      n: limits.maxAliases,
      onReject: [
        reporter(
          ErrorCode.TOO_MANY_ALIASES,
          "MAX_ALIASES",
          limits.maxAliases,
          () => `The operation has more than ${limits.maxAliases} aliased fields; send fewer, or several requests`,
        ),
      ],
    }),
    maxDirectivesRule({
      ...common,
      n: limits.maxDirectives,
      onReject: [
        reporter(
          ErrorCode.TOO_MANY_DIRECTIVES,
          "MAX_DIRECTIVES",
          limits.maxDirectives,
          () => `The operation has more than ${limits.maxDirectives} directives`,
        ),
      ],
    }),
  ];
}

/**
 * The size and token checks on a document's text, before it is parsed. Tokens are counted by
 * graphql-js's own lexer (what armor's max-tokens parser counts, without building the tree), and the
 * count stops at the limit, so a huge document costs no more than a legal one. A document that does
 * not lex is left to the parser, which reports GRAPHQL_PARSE_FAILED with its position.
 */
function checkDocumentText(query: string, limits: DocumentLimits): GraphQLError | undefined {
  const bytes = Buffer.byteLength(query, "utf8");
  if (bytes > limits.maxDocumentBytes) {
    return limitError(
      ErrorCode.DOCUMENT_TOO_LARGE,
      `The document is ${bytes} bytes, more than the limit of ${limits.maxDocumentBytes}`,
      limits.maxDocumentBytes,
      "MAX_DOCUMENT_BYTES",
    );
  }
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      tokens += 1;
      if (tokens > limits.maxTokens) {
        return limitError(
          ErrorCode.TOO_MANY_TOKENS,
          `The document has more than ${limits.maxTokens} tokens`,
          limits.maxTokens,
          "MAX_TOKENS",
        );
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** How many documents' verdicts DocumentChecker remembers (clients send the same few documents). */
const CACHE_SIZE = 500;

/**
 * Every document limit, in order of cost: size, tokens, then (parsed) depth, aliases and directives.
 * Verdicts are cached by document text, so a client's repeated documents are parsed here once; Apollo
 * caches its own parse and validation the same way.
 */
export class DocumentChecker {
  private readonly rules: ValidationRule[];
  private readonly verdicts = new Map<string, GraphQLError | null>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: DocumentLimits,
  ) {
    this.rules = documentRules(limits);
  }

  check(query: string): GraphQLError | undefined {
    const cached = this.verdicts.get(query);
    if (cached !== undefined) return cached ?? undefined;
    const verdict = checkDocumentText(query, this.limits) ?? this.checkTree(query);
    // Only documents within the size limit reach the cache; the oldest verdict goes first.
    if (verdict?.extensions.code !== ErrorCode.DOCUMENT_TOO_LARGE) {
      if (this.verdicts.size >= CACHE_SIZE) this.verdicts.delete(this.verdicts.keys().next().value!);
      this.verdicts.set(query, verdict ?? null);
    }
    return verdict;
  }

  private checkTree(query: string): GraphQLError | undefined {
    let document;
    try {
      document = parse(query, { noLocation: true });
    } catch {
      return undefined; // Apollo's parser reports it, with its position.
    }
    return validate(this.schema, document, this.rules)[0];
  }
}

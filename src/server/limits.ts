import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import type { ApolloServerPlugin } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { GraphQLError, Lexer, Source, TokenKind, validate, type ValidationContext, type ValidationRule } from "graphql";
import type { Context } from "../context.js";
import type { DocumentLimits } from "../config.js";
import { ErrorCode } from "../errors.js";

/**
 * The document limits, checked before anything runs. Each refusal has its own code and names the
 * limit and its variable, so a client knows what to change (SECURITY.md lists them all).
 *
 * Depth, aliases and directives are graphql-armor's validation rules. Its Apollo wrapper reports every
 * refusal as BAD_USER_INPUT with a "Syntax Error:" prefix, and Apollo gives every validation error the
 * code GRAPHQL_VALIDATION_FAILED; so we take the rules alone, report through `onReject` with our own
 * codes, and run them in a plugin (documentLimitsPlugin) once the document is known to be valid. Armor's cost limit is not used: the planner's node count
 * (src/graph/planner/cost.ts) knows each list's real page size, which armor's flat per-field cost
 * does not. Size and tokens are checked on the raw text in src/server/http.ts, before parsing.
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
export function documentRules(limits: DocumentLimits): ValidationRule[] {
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
 * Refuses an operation past a document limit, before its cost is computed or anything runs, with the
 * limit's code and HTTP 400. Listed before the cost plugin, whose refusal would otherwise come first.
 */
export function documentLimitsPlugin(limits: DocumentLimits): ApolloServerPlugin<Context> {
  const rules = documentRules(limits);
  return {
    async requestDidStart() {
      return {
        didResolveOperation({ schema, document }) {
          const [error] = validate(schema, document, rules);
          if (error) {
            throw new GraphQLError(error.message, {
              extensions: { ...error.extensions, http: { status: 400, headers: new HeaderMap() } },
            });
          }
          return Promise.resolve();
        },
      };
    },
  };
}

/**
 * The size and token checks on a document's text, before it is parsed. Tokens are counted by
 * graphql-js's own lexer (what armor's max-tokens parser counts, without building the tree), and the
 * count stops at the limit, so a huge document costs no more than a legal one. A document that does
 * not lex is left to the parser, which reports GRAPHQL_PARSE_FAILED with its position.
 */
export function checkDocumentText(query: string, limits: DocumentLimits): GraphQLError | undefined {
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

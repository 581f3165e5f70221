import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestHandler } from "express";
import { GraphQLError, visit, BREAK, type DocumentNode } from "graphql";
import type { Authenticator } from "../auth/authenticate.js";
import { hasRole } from "../auth/viewer.js";
import type { Context } from "../context.js";
import { ErrorCode, forbidden } from "../errors.js";
import { sendGraphQLError, withHttpStatus } from "./http.js";

/**
 * Authenticates every request to /graphql before anything else reads it: `res.locals.viewer` is set
 * for the rate limits and the context. Bad or missing credentials (where required) get HTTP 401 with
 * `WWW-Authenticate: Bearer` and UNAUTHENTICATED; a database outage while checking a key gets 503.
 */
export function authenticate(authenticator: Authenticator): RequestHandler {
  return (req, res, next) => {
    authenticator.authenticate(req.header("authorization"), req.ip ?? "unknown").then(
      (viewer) => {
        res.locals.viewer = viewer;
        next();
      },
      (error: unknown) => {
        if (!(error instanceof GraphQLError)) {
          next(error);
          return;
        }
        const code = error.extensions.code;
        if (code === ErrorCode.UNAUTHENTICATED) res.set("WWW-Authenticate", 'Bearer realm="chain-kg"');
        sendGraphQLError(res, code === ErrorCode.UNAUTHENTICATED ? 401 : code === ErrorCode.FORBIDDEN ? 403 : 503, error);
      },
    );
  };
}

/**
 * True when the document selects `__schema` or `__type` (a `__typename` is not introspection), or a
 * subgraph's `_service` (FEDERATION=on), whose SDL is the whole schema too.
 */
function isIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === "__schema" || node.name.value === "__type" || node.name.value === "_service") {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Production mode: introspection only for admins. Apollo's own switch is all or nothing, so it stays on
 * and this plugin refuses the others, with FORBIDDEN and HTTP 403, before anything runs.
 */
export function introspectionPlugin(production: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      if (!production) return undefined;
      return {
        async didResolveOperation({ document, contextValue }) {
          if (hasRole(contextValue.viewer.role, "admin") || !isIntrospection(document)) return;
          throw withHttpStatus(
            forbidden("Introspection is off in production (NODE_ENV=production); an admin key may introspect"),
            403,
          );
        },
      };
    },
  };
}

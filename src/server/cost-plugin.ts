import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context.js";
import { queryTooCostly } from "../errors.js";
import { actualNodes, requestedNodes } from "../graph/planner/cost.js";
import { withHttpStatus } from "./http.js";
import { pointsFor, type OperationCharges } from "./rate-limit.js";

/**
 * Refuses a request whose worst-case node count (src/graph/planner/cost.ts) is over `limit` before
 * any resolver runs, so it never touches the database; and reports every request's cost in
 * `extensions.cost = { requested, actual, limit }`, as GitHub and Shopify report theirs. With rate
 * limits on, the operation is charged its points here, before it runs (a refused one costs 1).
 */
export function costPlugin(limit: number, charges?: OperationCharges): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let requested: number | undefined;
      return {
        async didResolveOperation({ document, operationName, request, schema, contextValue }) {
          requested = requestedNodes({ schema, document, operationName, variables: request.variables });
          await charges?.charge(request, contextValue.viewer, requested > limit ? 1 : pointsFor(requested));
          if (requested > limit) {
            throw withHttpStatus(queryTooCostly(requested, limit), 400);
          }
        },
        async willSendResponse({ response, document, operationName, request, schema }) {
          if (response.body.kind !== "single" || requested === undefined) return;
          const result = response.body.singleResult;
          const actual =
            requested > limit || !document
              ? 0
              : actualNodes({ schema, document, operationName, variables: request.variables }, result.data);
          result.extensions = { ...result.extensions, cost: { requested, actual, limit } };
        },
      };
    },
  };
}

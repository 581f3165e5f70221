import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context.js";
import { answerPlanned } from "../graph/planner/direct.js";
import { formatError } from "./errors.js";

/**
 * Answers a fully planned read without graphql-js's field-by-field execution
 * (src/graph/planner/direct.ts); anything else executes as usual.
 */
export function plannedResponsePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ document, operationName, request, schema, contextValue }) {
          if (!contextValue.planner) return null;
          const answer = await answerPlanned({ schema, document, operationName, variables: request.variables, contextValue });
          if (!answer) return null;
          const errors = answer.errors?.map((e) => formatError(e.toJSON()));
          return {
            http: { headers: new HeaderMap() },
            body: { kind: "single", singleResult: { data: answer.data, ...(errors ? { errors } : {}) } },
          };
        },
      };
    },
  };
}

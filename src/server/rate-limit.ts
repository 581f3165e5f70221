import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestHandler } from "express";
import { GraphQLError } from "graphql";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RateLimitConfig } from "../config.js";
import type { Context } from "../context.js";
import { ErrorCode } from "../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { sendGraphQLError, withHttpStatus } from "./http.js";
import type { SharedStore } from "./redis.js";

/** What a request cost and what is left, as `extensions.rateLimit` reports it. */
export interface RateLimitState {
  cost: number;
  limit: number;
  remaining: number;
  /** When the window ends and the points come back, ISO 8601. */
  resetAt: string;
}

/** GitHub's rule: a request costs its node count divided by 100, rounded, and at least 1 point. */
export function pointsFor(requestedNodes: number): number {
  return Math.max(1, Math.round(requestedNodes / 100));
}

/**
 * Points per viewer per window (RATE_LIMIT_POINTS, RATE_LIMIT_WINDOW_S). Without a shared store the
 * counts live in this process's memory, so with several replicas a client may spend the budget once
 * per replica. With one (RATE_LIMIT_STORE=redis://…) they live in Redis under `chain-kg:rl:<viewer>`,
 * one budget across the replicas; while Redis cannot be reached, each process counts on its own
 * (rate-limiter-flexible's insurance limiter) rather than refusing or admitting everyone.
 */
export class RateLimits {
  readonly limiter: RateLimiterAbstract;

  constructor(
    readonly config: RateLimitConfig,
    shared?: SharedStore,
  ) {
    const memory = new RateLimiterMemory({ points: config.points, duration: config.windowSeconds });
    this.limiter = shared
      ? new RateLimiterRedis({
          storeClient: shared.client,
          points: config.points,
          duration: config.windowSeconds,
          keyPrefix: "chain-kg:rl",
          insuranceLimiter: memory,
        })
      : memory;
  }

  get enabled(): boolean {
    return this.config.points > 0;
  }

  private state(cost: number, res: RateLimiterRes | null): RateLimitState {
    const remaining = res ? Math.max(0, this.config.points - res.consumedPoints) : this.config.points;
    const msBeforeNext = res ? res.msBeforeNext : this.config.windowSeconds * 1000;
    return { cost, limit: this.config.points, remaining, resetAt: new Date(Date.now() + msBeforeNext).toISOString() };
  }

  /** What the viewer has left, without spending. */
  async peek(viewer: Viewer): Promise<RateLimitState> {
    return this.state(0, await this.limiter.get(viewer.id));
  }

  /**
   * Spends `cost` points, or refuses without spending when fewer are left: GitHub refuses a query
   * that costs more than what remains, and does not charge for it.
   */
  async charge(viewer: Viewer, cost: number): Promise<{ ok: boolean; state: RateLimitState; retryAfterS: number }> {
    try {
      const res = await this.limiter.consume(viewer.id, cost);
      return { ok: true, state: this.state(cost, res), retryAfterS: 0 };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const res = await this.limiter.reward(viewer.id, cost);
      return { ok: false, state: this.state(cost, res), retryAfterS: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    }
  }
}

export function rateLimited(state: RateLimitState, retryAfterS: number): GraphQLError {
  return new GraphQLError(
    `Rate limit exceeded: this request costs ${state.cost} points and ${state.remaining} of ${state.limit} are left until ${state.resetAt} (RATE_LIMIT_POINTS per RATE_LIMIT_WINDOW_S)`,
    {
      extensions: {
        code: ErrorCode.RATE_LIMITED,
        rateLimit: state,
        retryAfter: retryAfterS,
      },
    },
  );
}

/** The X-RateLimit headers of a state, on a response or Apollo's header map. */
export function setRateLimitHeaders(headers: { set(name: string, value: string): unknown }, state: RateLimitState): void {
  headers.set("x-ratelimit-limit", String(state.limit));
  headers.set("x-ratelimit-remaining", String(state.remaining));
  headers.set("x-ratelimit-reset", String(Math.ceil(Date.parse(state.resetAt) / 1000)));
}

/**
 * Before any parsing: a viewer with no points left is refused at once, with HTTP 429 and Retry-After.
 * `res.locals.viewer` is set by the authentication middleware before this runs.
 */
export function rateLimitGate(limits: RateLimits): RequestHandler {
  return (_req, res, next) => {
    if (!limits.enabled) {
      next();
      return;
    }
    const viewer = res.locals.viewer as Viewer;
    limits.peek(viewer).then(
      (state) => {
        if (state.remaining > 0) {
          next();
          return;
        }
        const retryAfterS = Math.max(1, Math.ceil((Date.parse(state.resetAt) - Date.now()) / 1000));
        setRateLimitHeaders(res, state);
        res.set("Retry-After", String(retryAfterS));
        sendGraphQLError(res, 429, rateLimited({ ...state, cost: 1 }, retryAfterS));
      },
      (error: unknown) => next(error),
    );
  };
}

/**
 * Charges one operation its points; the cost plugin (server/cost.ts) calls it once the node count is
 * known, before the operation runs. The state is kept per operation (a batch holds several) for the
 * response's `extensions.rateLimit`.
 */
export class OperationCharges {
  private readonly states = new WeakMap<object, RateLimitState>();

  constructor(readonly limits: RateLimits) {}

  async charge(operation: object, viewer: Viewer, cost: number): Promise<void> {
    if (!this.limits.enabled) return;
    const result = await this.limits.charge(viewer, cost);
    this.states.set(operation, result.state);
    if (!result.ok) {
      throw withHttpStatus(rateLimited(result.state, result.retryAfterS), 429, { "retry-after": String(result.retryAfterS) });
    }
  }

  charged(operation: object): RateLimitState | undefined {
    return this.states.get(operation);
  }

  /**
   * Reports `extensions.rateLimit` and the X-RateLimit headers on every response. An operation
   * refused before its cost was known (a parse or validation error) costs 1 point.
   */
  plugin(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async () => {
        if (!this.limits.enabled) return undefined;
        return {
          didEncounterErrors: async ({ request, contextValue }) => {
            if (this.states.has(request)) return;
            await this.charge(request, contextValue.viewer, 1).catch(() => undefined);
          },
          willSendResponse: async ({ request, response }) => {
            const state = this.states.get(request);
            if (state === undefined) return;
            setRateLimitHeaders(response.http.headers, state);
            if (response.body.kind === "single") {
              const result = response.body.singleResult;
              result.extensions = { ...result.extensions, rateLimit: state };
            }
          },
        };
      },
    };
  }
}

import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { ChainKgError, ErrorCode, type GraphQLErrorEntry } from "./errors.js";
import { DEFAULT_RETRY, parseRetryAfter, retryDelay, sleep, type RetryPolicy } from "./retry.js";

/**
 * How operations are sent:
 * - `auto` (the default): by persisted-operation id; when the service does not know the id
 *   (PERSISTED_OPERATION_NOT_FOUND: it runs without a manifest, or an older one), the document's
 *   text, and from then on the text for that document;
 * - `id`: by id only (a service with PERSISTED_OPERATIONS=only and this client's manifest);
 * - `document`: the text only.
 */
export type SendMode = "auto" | "id" | "document";

export interface ChainKgClientOptions {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  endpoint: string;
  /** An API key (`ckg_…`, sent as `Authorization: Bearer`); without one the client reads anonymously. */
  apiKey?: string | undefined;
  send?: SendMode;
  /** Trying again after transient errors; `false` never does. */
  retry?: Partial<RetryPolicy> | false;
  /** Each attempt's time limit, in ms (30 s by default). */
  timeoutMs?: number;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** The fetch to use (global fetch by default). */
  fetch?: typeof fetch;
}

/** Options of one request. */
export interface RequestOptions {
  /** Stops the request, and any wait before another attempt. */
  signal?: AbortSignal | undefined;
}

/** The variables argument: optional when the operation has no required variable. */
export type VariablesArg<V> =
  Record<string, never> extends V ? [variables?: V, options?: RequestOptions] : [variables: V, options?: RequestOptions];

/** A typed document the codegen made, with its persisted-operation id (`__meta__.hash`). */
interface PersistedDocument {
  __meta__?: { hash?: string };
}

/** What the client needs of a document, worked out once per document. */
interface Prepared {
  id: string | undefined;
  text: string;
  operationName: string | undefined;
  mutation: boolean;
}

interface Body {
  data?: unknown;
  errors?: GraphQLErrorEntry[];
}

/**
 * A client of the industrial-chain knowledge-graph service over global fetch: typed requests (the
 * result's type comes from the TypedDocumentNode), persisted-operation ids, typed errors with each
 * GraphQL error's `extensions.code`, and bounded retries of transient errors that honour Retry-After.
 */
export class ChainKgClient {
  readonly endpoint: string;
  private readonly apiKey: string | undefined;
  private readonly mode: SendMode;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly fetch: typeof fetch;
  private readonly prepared = new WeakMap<DocumentNode, Prepared>();
  /** Ids the service did not know: their documents go as text from then on (`auto`). */
  private readonly unknownIds = new Set<string>();

  constructor(options: ChainKgClientOptions) {
    this.endpoint = options.endpoint;
    this.apiKey = options.apiKey;
    this.mode = options.send ?? "auto";
    this.retry = options.retry === false ? { ...DEFAULT_RETRY, attempts: 1 } : { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.headers = options.headers ?? {};
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /**
   * Runs `document` with `variables` and returns its data. Throws a ChainKgError when the answer has
   * errors (its `code`, `codes`, `retryable`, `retryAfterMs`, and any partial `data`), after trying
   * again as the retry policy allows: queries after any transient error, mutations only after a
   * refusal before they ran (RATE_LIMITED), since a mutation that failed on the way may have been applied.
   */
  async request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables, options]: VariablesArg<TVariables>
  ): Promise<TResult> {
    const prepared = this.prepare(document);
    const signal = options?.signal;
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.attempt(prepared, variables, signal)) as TResult;
      } catch (error) {
        if (!(error instanceof ChainKgError) || signal?.aborted) throw error;
        const again = error.retryable && (!prepared.mutation || error.refusedBeforeRunning);
        const wait = again ? retryDelay(this.retry, attempt, error.retryAfterMs) : undefined;
        if (wait === undefined) throw error;
        await sleep(wait, signal);
      }
    }
  }

  /** One attempt: by id first where the mode allows, then by text when the service did not know the id. */
  private async attempt(prepared: Prepared, variables: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    const { id } = prepared;
    const byId = id !== undefined && this.mode !== "document" && !(this.mode === "auto" && this.unknownIds.has(id));
    if (byId) {
      try {
        return await this.send({ documentId: `sha256:${id}` }, prepared, variables, signal);
      } catch (error) {
        const unknown = error instanceof ChainKgError && error.has(ErrorCode.PERSISTED_OPERATION_NOT_FOUND);
        if (!unknown || this.mode === "id") throw error;
        this.unknownIds.add(id);
      }
    }
    return this.send({ query: prepared.text }, prepared, variables, signal);
  }

  private async send(
    operation: { documentId: string } | { query: string },
    prepared: Prepared,
    variables: unknown,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
      ...this.headers,
    };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const operationName = prepared.operationName;
    let res: Response;
    try {
      res = await this.fetch(this.endpoint, {
        method: "POST",
        headers,
        body: JSON.stringify({ ...operation, operationName, variables: variables ?? {} }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      const message = timeout.aborted ? `no answer within ${this.timeoutMs} ms` : `no answer from ${this.endpoint}`;
      throw new ChainKgError([{ message, extensions: { code: ErrorCode.NETWORK_ERROR } }], { status: 0, operationName, cause });
    }
    const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
    let body: Body | undefined;
    try {
      body = (await res.json()) as Body;
    } catch {
      body = undefined;
    }
    if (!body || typeof body !== "object" || (!("data" in body) && !Array.isArray(body.errors))) {
      const message = `HTTP ${res.status} ${res.statusText}: the answer is not a GraphQL response`;
      throw new ChainKgError([{ message, extensions: { code: ErrorCode.HTTP_ERROR } }], {
        status: res.status,
        operationName,
        retryAfterMs,
      });
    }
    if (body.errors?.length) {
      throw new ChainKgError(body.errors, { status: res.status, data: body.data, operationName, retryAfterMs });
    }
    if (body.data === undefined || body.data === null) {
      const message = `HTTP ${res.status}: the answer has neither data nor errors`;
      throw new ChainKgError([{ message, extensions: { code: ErrorCode.HTTP_ERROR } }], {
        status: res.status,
        operationName,
        retryAfterMs,
      });
    }
    return body.data;
  }

  private prepare(document: DocumentNode): Prepared {
    let prepared = this.prepared.get(document);
    if (!prepared) {
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition");
      prepared = {
        id: (document as PersistedDocument).__meta__?.hash,
        text: print(document),
        operationName: operation?.name?.value,
        mutation: operation?.operation === "mutation",
      };
      this.prepared.set(document, prepared);
    }
    return prepared;
  }
}

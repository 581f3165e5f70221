/** The app's one door to the service: POST /graphql on the same origin, with the stored key. */

const KEY_STORAGE = "chain-kg.apiKey";

/** A refusal or failure of the service, with the GraphQL error code when it gave one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    /** The input the error is about, as a path (`["input", 0, "city"]`), when the service names one. */
    readonly argument: ReadonlyArray<string | number> | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Asks the person for an API key; resolves with it, or null when they cancel. */
export type KeyPrompter = (reason: string) => Promise<string | null>;

let prompter: KeyPrompter = async () => null;
// One prompt at a time: requests that fail together wait for the same answer.
let pendingKey: Promise<string | null> | null = null;

export function setKeyPrompter(p: KeyPrompter): void {
  prompter = p;
}

/**
 * Asks for a key unasked (a reader browsing anonymously who wants to edit): stores what is given.
 * Resolves with whether a key was given. Cached answers are dropped: they were read as someone else.
 */
export async function giveKey(reason: string): Promise<boolean> {
  const answer = await prompter(reason);
  if (!answer) return false;
  storeKey(answer);
  forgetCached();
  return true;
}

export function storedKey(): string | null {
  try {
    return localStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

function storeKey(key: string | null): void {
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    // Private mode without storage: the key lives for this page only.
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; argument?: Array<string | number> } }>;
}

function operationName(document: string): string | undefined {
  return /\b(?:query|mutation)\s+([A-Za-z_]\w*)/.exec(document)?.[1];
}

async function post<T>(
  document: string,
  variables: object,
  key: string | null,
): Promise<{ status: number; body: GraphQLResponse<T> | null }> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  let res: Response;
  try {
    res = await fetch("/graphql", {
      method: "POST",
      headers,
      body: JSON.stringify({ query: document, operationName: operationName(document), variables }),
    });
  } catch (e) {
    throw new ApiError(e instanceof Error ? e.message : String(e), "NETWORK_ERROR", 0);
  }
  let body: GraphQLResponse<T> | null = null;
  try {
    body = (await res.json()) as GraphQLResponse<T>;
  } catch {
    body = null;
  }
  return { status: res.status, body };
}

function isUnauthenticated(status: number, body: GraphQLResponse<unknown> | null): boolean {
  return status === 401 || body?.errors?.some((e) => e.extensions?.code === "UNAUTHENTICATED") === true;
}

/**
 * Runs one operation and returns its data. When the service answers UNAUTHENTICATED, asks for a key
 * (once for all concurrent requests), stores it and retries; any error becomes an ApiError.
 */
export async function request<T>(document: string, variables: object = {}): Promise<T> {
  let key = storedKey();
  for (let attempt = 0; ; attempt++) {
    const { status, body } = await post<T>(document, variables, key);
    if (isUnauthenticated(status, body) && attempt < 3) {
      const message = body?.errors?.[0]?.message ?? "UNAUTHENTICATED";
      pendingKey ??= prompter(message).finally(() => (pendingKey = null));
      const answer = await pendingKey;
      if (!answer) throw new ApiError(message, "UNAUTHENTICATED", status);
      storeKey(answer);
      key = answer;
      continue;
    }
    const first = body?.errors?.[0];
    if (first) throw new ApiError(first.message, first.extensions?.code ?? "ERROR", status, first.extensions?.argument ?? null);
    if (!body?.data) throw new ApiError(`HTTP ${status}`, status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_RESPONSE", status);
    return body.data;
  }
}

const CACHE_MS = 5 * 60_000;
const cache = new Map<string, { at: number; data: Promise<unknown> }>();

/**
 * request() for reads that a view asks again and again (a language toggle, picking back and forth):
 * an answer is reused for five minutes, which spares the caller's rate-limit points. Failures are not kept.
 */
export function cachedRequest<T>(document: string, variables: object = {}): Promise<T> {
  const key = JSON.stringify([operationName(document), variables]);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.data as Promise<T>;
  const data = request<T>(document, variables);
  cache.set(key, { at: Date.now(), data });
  data.catch(() => cache.delete(key));
  return data;
}

/** Drops every cached answer: after a change the app made, or with another key. */
export function forgetCached(): void {
  cache.clear();
}

/**
 * Opens the annual report at `href` (GET /report, HTML) in a new tab. Without a stored key the link
 * opens it itself (returns false: let the click go on). With one, a link cannot carry the
 * Authorization header: the page is fetched with the key and shown from a blob in the tab opened at
 * once (so no pop-up blocker stops it); the report needs no script, so the app's CSP suits it.
 */
export function openReport(href: string): boolean {
  const key = storedKey();
  if (!key) return false;
  const tab = window.open("", "_blank");
  if (!tab) return false;
  void fetch(href, { headers: { authorization: `Bearer ${key}`, accept: "text/html" } })
    .then(async (res) => {
      const blob = await res.blob();
      tab.location.href = URL.createObjectURL(blob);
    })
    .catch((e: unknown) => {
      tab.document.body.textContent = e instanceof Error ? e.message : String(e);
    });
  return true;
}

/** How the client tries again after a transient error (ChainKgError.retryable). */
export interface RetryPolicy {
  /** Attempts in all, the first included (1: never again). */
  attempts: number;
  /** The first wait, doubled for each later one (with jitter) when the service names no time. */
  baseDelayMs: number;
  /** The longest wait: when the service asks for longer (Retry-After), the error is thrown at once. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 250, maxDelayMs: 30_000 };

/**
 * The wait a Retry-After header asks for, in ms: delay-seconds or an HTTP date (RFC 9110 §10.2.3);
 * undefined when absent or not understood.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): what the service asked for, else
 * exponential backoff, half of it random (so that many clients refused at once do not return at once). Undefined when no wait within `maxDelayMs` will do.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  askedMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= policy.attempts) return undefined;
  if (askedMs !== undefined) return askedMs <= policy.maxDelayMs ? askedMs : undefined;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const done = () => {
      signal?.removeEventListener("abort", abort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", abort, { once: true });
  });
}

import type { Logger } from "../../logger.js";
import type { Params } from "./executor.js";

/**
 * Plans the service's statements again after an outage, once each, before requests run them.
 *
 * A restarted Neo4j has an empty plan cache and a cold JVM: planning one of the service's larger
 * statements then takes seconds (measured on the Shandong graph, one statement at a time:
 * analytics.resolveScope 4.3 s, analytics.targetFirms 2.2 s, against 40-60 ms warm). Neo4j drops a
 * plan when its transaction is terminated, so under load every request whose deadline is shorter
 * than that starts the same plan again and is cut off again, and none succeeds until the JIT has
 * warmed up by itself (measured: 18 s of timeouts after a restart, 8 clients, 3 s deadlines).
 *
 * The warmer remembers the last `capacity` read statements it was shown, with the parameters of their
 * latest run (Neo4j keys a plan by the statement and the types of its parameters). After an outage it
 * runs them once more, most recently used first, `concurrency` at a time, with a timeout of their own
 * and their rows discarded, so that Neo4j plans and caches each of them once. A request that needs one of them meanwhile waits for that
 * plan instead of starting another, and the warmer takes it next.
 */
export class PlanWarmer {
  /** Statement → the parameters of its latest run; in order of use, the oldest first. */
  private readonly known = new Map<string, Params>();
  /** Statement → parameters: the statements planned at start (`warm`) and again after every outage. */
  private readonly pinned = new Map<string, Params>();
  private readonly pending = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  /** Waiting to be planned, the next first. */
  private queue: string[] = [];
  private running = 0;
  /** Counts the outages seen: a rehearsal that fails after a later one is run again. */
  private outages = 0;

  constructor(
    private readonly rehearse: (cypher: string, params: Params) => Promise<void>,
    private readonly logger: Logger,
    private readonly capacity = 128,
    private readonly concurrency = 2,
  ) {}

  /** A read statement about to run: remembered as the most recently used. */
  remember(cypher: string, params: Params): void {
    this.known.delete(cypher);
    this.known.set(cypher, params);
    if (this.known.size > this.capacity) {
      const oldest = this.known.keys().next().value as string;
      this.known.delete(oldest);
    }
  }

  /** The database came back after an outage: every known statement is to be planned again. */
  restart(): void {
    this.outages += 1;
    // A plan still being made when the database went away again is waited for as it is (and made
    // again if it fails: see \`pump\`).
    const waiting = new Set(this.queue);
    const inFlight = (cypher: string) => this.pending.has(cypher) && !waiting.has(cypher);
    const statements = [...this.known.keys()].reverse();
    for (const cypher of this.pinned.keys()) if (!this.known.has(cypher)) statements.push(cypher);
    this.queue = statements.filter((cypher) => !inFlight(cypher));
    for (const cypher of this.queue) if (!this.pending.has(cypher)) this.pending.set(cypher, deferred());
    this.logger.info({ statements: this.queue.length }, "planning the known statements again after an outage");
    this.pump();
  }

  /**
   * Plans `statements` now (after those already queued), and again after every outage: the statements
   * every read is made of, so that a document never seen before finds them planned. Resolves when
   * all of them have been planned (or failed to be).
   */
  warm(statements: ReadonlyArray<{ cypher: string; params: Params }>): Promise<void> {
    const waits: Array<Promise<void>> = [];
    for (const { cypher, params } of statements) {
      this.pinned.set(cypher, params);
      let pending = this.pending.get(cypher);
      if (!pending) {
        this.pending.set(cypher, (pending = deferred()));
        this.queue.push(cypher);
      }
      waits.push(pending.promise);
    }
    this.pump();
    return Promise.all(waits).then(() => undefined);
  }

  /**
   * Resolves once `cypher` has been planned since the last outage (its planning failing counts too:
   * the request then runs it and meets the failure itself); undefined when there is nothing to wait for.
   */
  ready(cypher: string): Promise<void> | undefined {
    const pending = this.pending.get(cypher);
    if (!pending) return undefined;
    // Asked for by a request: planned next.
    const at = this.queue.indexOf(cypher);
    if (at > 0) {
      this.queue.splice(at, 1);
      this.queue.unshift(cypher);
    }
    return pending.promise;
  }

  /** What the warmer holds, for the service's metrics. */
  state(): { known: number; pinned: number; pending: number; outages: number } {
    return { known: this.known.size, pinned: this.pinned.size, pending: this.pending.size, outages: this.outages };
  }

  /** Statements not yet planned since the last outage (tests). */
  get waiting(): number {
    return this.pending.size;
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const cypher = this.queue.shift()!;
      this.running += 1;
      const started = performance.now();
      const outage = this.outages;
      this.rehearse(cypher, this.known.get(cypher) ?? this.pinned.get(cypher) ?? {})
        .then(
          () => {
            this.logger.debug({ ms: Math.round(performance.now() - started), cypher }, "statement planned");
            return false;
          },
          (error: unknown) => {
            this.logger.warn({ err: error }, "planning a statement after an outage failed");
            // It failed in an outage that has since ended: the restarted database has not planned it.
            return outage !== this.outages && (this.known.has(cypher) || this.pinned.has(cypher));
          },
        )
        .then((again) => {
          this.running -= 1;
          if (again) {
            this.queue.unshift(cypher);
          } else {
            this.pending.get(cypher)?.resolve();
            this.pending.delete(cypher);
          }
          this.pump();
        });
    }
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** The view's state, kept in the URL query so a view can be shared: ?chain=&region=&cluster=&year=&lang=&firm= */
import type { Lang } from "./types";

export interface ViewState {
  chain: string;
  region: string;
  /** When set, the scope is this cluster rather than the region. */
  cluster: string | null;
  /** The year looked at; null: the latest the graph holds (the service's default). */
  year: number | null;
  lang: Lang;
  /** The enterprise shown in the portrait. */
  firm: string | null;
}

export const DEFAULTS: ViewState = { chain: "BIGDATA", region: "SD-JINAN", cluster: null, year: null, lang: "zh", firm: null };

export function readState(search = location.search): ViewState {
  const q = new URLSearchParams(search);
  const lang = q.get("lang") === "en" ? "en" : "zh";
  const year = Number(q.get("year"));
  return {
    chain: q.get("chain") || DEFAULTS.chain,
    region: q.get("region") || DEFAULTS.region,
    cluster: q.get("cluster") || null,
    year: Number.isInteger(year) && year > 0 ? year : null,
    lang,
    firm: q.get("firm") || null,
  };
}

export function writeState(s: ViewState): void {
  const q = new URLSearchParams();
  q.set("chain", s.chain);
  q.set("region", s.region);
  if (s.cluster) q.set("cluster", s.cluster);
  if (s.year !== null) q.set("year", String(s.year));
  q.set("lang", s.lang);
  if (s.firm) q.set("firm", s.firm);
  history.replaceState(null, "", `${location.pathname}?${q.toString()}`);
}

/** The analyses' ScopeInput for the state: the cluster when one is picked, else the region. */
export function scopeOf(s: ViewState): { region?: string; cluster?: string } {
  return s.cluster ? { cluster: s.cluster } : { region: s.region };
}

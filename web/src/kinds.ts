/** How each weak-link state looks: colour plus a shape, so it reads without colour too. */
import type { ChainMapProduct, MapKind, WeakLinkKind } from "./types";

export const MAP_KINDS: MapKind[] = ["MISSING", "SINGLE_SOURCE", "LOW_LOCAL_SHARE", "HEALTHY", "NOT_DEMANDED"];

export const KIND_STYLE: Record<MapKind, { color: string; symbol: string; mark: string }> = {
  MISSING: { color: "#d62728", symbol: "triangle", mark: "▲" },
  SINGLE_SOURCE: { color: "#ef8a17", symbol: "diamond", mark: "◆" },
  LOW_LOCAL_SHARE: { color: "#b8a000", symbol: "rect", mark: "■" },
  HEALTHY: { color: "#2e8b57", symbol: "circle", mark: "●" },
  NOT_DEMANDED: { color: "#9aa0a6", symbol: "emptyCircle", mark: "○" },
};

const ORDER: WeakLinkKind[] = ["MISSING", "SINGLE_SOURCE", "LOW_LOCAL_SHARE"];

/** A product's worst weak-link kind; healthy when demanded and not weak; not demanded otherwise. */
export function mapKind(p: Pick<ChainMapProduct, "kinds" | "demanderCount">): MapKind {
  for (const k of ORDER) if (p.kinds.includes(k)) return k;
  return p.demanderCount > 0 ? "HEALTHY" : "NOT_DEMANDED";
}

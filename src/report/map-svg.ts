/**
 * The chain map as an inline SVG, drawn here rather than by ECharts' server-side renderer: the picture
 * is a fixed three-column layout (no force layout, zoom or tooltip to gain from ECharts), and writing
 * the elements ourselves lets each product be one `<g data-product data-kind>` with a `<title>`, which
 * a reader's screen reader and the tests can find, and keeps the file free of ECharts' generated ids,
 * `url(#…)` references and animation styles. The look follows the app's map (web/src/components/ChainMap.ts,
 * web/src/kinds.ts): the same colours and shapes per weak-link kind, the top short board ringed.
 */
import type { ChainMapProduct } from "../analytics/index.js";
import type { WeakLinkKind } from "../analytics/scoring.js";
import { esc, FONT_STACK } from "./html.js";
import type { Messages } from "./messages.js";

/** A product's state on the map: its worst weak-link kind, or healthy, or not demanded in the scope. */
export type MapKind = WeakLinkKind | "HEALTHY" | "NOT_DEMANDED";
export const MAP_KINDS: readonly MapKind[] = ["MISSING", "SINGLE_SOURCE", "LOW_LOCAL_SHARE", "HEALTHY", "NOT_DEMANDED"];

type Shape = "triangle" | "diamond" | "square" | "circle" | "ring";
/** Colour plus shape (and a text mark for tables), so the kind reads without colour too: as the app's. */
export const KIND_STYLE: Readonly<Record<MapKind, { color: string; shape: Shape; mark: string }>> = {
  MISSING: { color: "#d62728", shape: "triangle", mark: "▲" },
  SINGLE_SOURCE: { color: "#ef8a17", shape: "diamond", mark: "◆" },
  LOW_LOCAL_SHARE: { color: "#b8a000", shape: "square", mark: "■" },
  HEALTHY: { color: "#2e8b57", shape: "circle", mark: "●" },
  NOT_DEMANDED: { color: "#9aa0a6", shape: "ring", mark: "○" },
};

const WORST_FIRST: readonly WeakLinkKind[] = ["MISSING", "SINGLE_SOURCE", "LOW_LOCAL_SHARE"];

export function mapKind(p: Pick<ChainMapProduct, "kinds" | "demanderCount">): MapKind {
  for (const k of WORST_FIRST) if (p.kinds.includes(k)) return k;
  return p.demanderCount > 0 ? "HEALTHY" : "NOT_DEMANDED";
}

const STAGES = ["UPSTREAM", "MIDSTREAM", "DOWNSTREAM"] as const;
const WIDTH = 960;
const COLUMN_X = [40, 360, 680];
const TOP = 92;
const ROW = 24;
const LABEL_PX = 250;
const FONT_PX = 12;

/** The path of a shape of radius `r` centred on (x, y). */
function shape(kind: Shape, x: number, y: number, r: number, color: string): string {
  const p = (n: number) => n.toFixed(1);
  switch (kind) {
    case "triangle":
      return `<path d="M${p(x)} ${p(y - r)}L${p(x + r)} ${p(y + r * 0.8)}L${p(x - r)} ${p(y + r * 0.8)}Z" fill="${color}"/>`;
    case "diamond":
      return `<path d="M${p(x)} ${p(y - r)}L${p(x + r)} ${p(y)}L${p(x)} ${p(y + r)}L${p(x - r)} ${p(y)}Z" fill="${color}"/>`;
    case "square":
      return `<rect x="${p(x - r * 0.8)}" y="${p(y - r * 0.8)}" width="${p(r * 1.6)}" height="${p(r * 1.6)}" fill="${color}"/>`;
    case "circle":
      return `<circle cx="${p(x)}" cy="${p(y)}" r="${p(r * 0.85)}" fill="${color}"/>`;
    case "ring":
      return `<circle cx="${p(x)}" cy="${p(y)}" r="${p(r * 0.75)}" fill="#fff" stroke="${color}" stroke-width="2"/>`;
  }
}

/** Cuts a label to about `px` pixels (a CJK character is one em, a Latin one about half). */
export function fitLabel(text: string, px = LABEL_PX, fontPx = FONT_PX): string {
  let width = 0;
  let out = "";
  for (const ch of text) {
    width += (/[\u2e80-\uffff]/.test(ch) ? 1 : 0.55) * fontPx;
    if (width > px - fontPx) return `${out}…`;
    out += ch;
  }
  return out;
}

export interface MapPicture {
  drawn: readonly ChainMapProduct[];
  /** The top short board's product code, ringed and starred; null when the chain has none. */
  topCode: string | null;
  /** A product's name in the report's language. */
  nameOf: (p: ChainMapProduct) => string;
  /** The figure's accessible name. */
  title: string;
}

/** The map of one chain in one region: one `<g class="node">` per drawn product, arrows from inputs to users. */
export function chainMapSvg(pic: MapPicture, m: Messages): string {
  const columns = STAGES.map((s) => pic.drawn.filter((p) => p.stage === s));
  const rows = Math.max(1, ...columns.map((c) => c.length));
  const height = TOP + rows * ROW + 16;
  const at = new Map<string, { x: number; y: number }>();
  columns.forEach((col, i) =>
    col.forEach((p, row) =>
      at.set(p.productCode, { x: COLUMN_X[i]! + 10, y: TOP + row * ROW + ((rows - col.length) * ROW) / 2 }),
    ),
  );

  const legend: string[] = [];
  let lx = 12;
  for (const k of MAP_KINDS) {
    const label = m(`kind.${k}`);
    legend.push(
      `<g class="legend-item" data-kind="${k}">${shape(KIND_STYLE[k].shape, lx + 7, 18, 7, KIND_STYLE[k].color)}<text x="${lx + 19}" y="22">${esc(label)}</text></g>`,
    );
    lx += 28 + label.length * (/[\u2e80-\uffff]/.test(label) ? 12 : 6.4);
  }
  legend.push(
    `<g class="legend-item" data-kind="TOP"><circle cx="${lx + 7}" cy="18" r="8" fill="none" stroke="#8b0000" stroke-width="3"/><text x="${lx + 20}" y="22" fill="#8b0000" font-weight="bold">${esc(m("topShortBoard"))}</text></g>`,
  );

  const heads = STAGES.map(
    (s, i) =>
      `<text class="stage" x="${COLUMN_X[i]}" y="62" font-size="15" font-weight="bold" fill="#333">${esc(m(`stage.${s}`))}</text>`,
  );

  const edges: string[] = [];
  for (const p of pic.drawn) {
    const to = at.get(p.productCode)!;
    for (const input of p.inputCodes) {
      const from = at.get(input);
      if (!from) continue;
      edges.push(edge(from, to));
    }
  }

  const nodes = pic.drawn.map((p) => {
    const { x, y } = at.get(p.productCode)!;
    const kind = mapKind(p);
    const style = KIND_STYLE[kind];
    const top = p.productCode === pic.topCode;
    const name = pic.nameOf(p);
    const label = fitLabel(`${top ? "★ " : ""}${name} (${p.localProducerCount})`);
    const title = `${name} ${p.productCode}: ${m(`kind.${kind}`)}`;
    return [
      `<g class="node" data-product="${esc(p.productCode)}" data-kind="${kind}"${top ? ' data-top="true"' : ""}>`,
      `<title>${esc(title)}</title>`,
      top ? `<circle cx="${x}" cy="${y}" r="12" fill="#fff" stroke="#8b0000" stroke-width="3"/>` : "",
      shape(style.shape, x, y, 7, style.color),
      `<text x="${x + 16}" y="${y + 4}" stroke="#fff" stroke-width="3" paint-order="stroke"${top ? ' font-weight="bold" fill="#8b0000"' : ""}>${esc(label)}</text>`,
      "</g>",
    ].join("");
  });

  return [
    `<svg class="chain-map" role="img" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMidYMin meet"`,
    ` font-family="${esc(FONT_STACK)}" font-size="${FONT_PX}" style="max-width:${WIDTH}px">`,
    `<title>${esc(pic.title)}</title>`,
    `<g class="legend">${legend.join("")}</g>`,
    heads.join(""),
    `<g class="edges" fill="none" stroke="#9aa7b8" stroke-width="1">${edges.join("")}</g>`,
    `<g class="nodes" fill="#222">${nodes.join("")}</g>`,
    "</svg>",
  ].join("");
}

/**
 * An arrow from an input to a product using it: a straight line between columns, a curve bowing left
 * within one column; the head a small triangle (no `<marker>`, whose `url(#…)` reference a viewer may
 * resolve against the page's address).
 */
function edge(from: { x: number; y: number }, to: { x: number; y: number }): string {
  const f = (n: number) => n.toFixed(1);
  let d: string;
  let dir: { x: number; y: number };
  let end: { x: number; y: number };
  if (from.x === to.x) {
    const bow = from.x - 28 - Math.min(60, Math.abs(to.y - from.y) / 4);
    const c = { x: bow, y: (from.y + to.y) / 2 };
    end = { x: to.x - 8, y: to.y };
    d = `M${f(from.x - 8)} ${f(from.y)}Q${f(c.x)} ${f(c.y)} ${f(end.x)} ${f(end.y)}`;
    dir = { x: end.x - c.x, y: end.y - c.y };
  } else {
    const start = { x: from.x + (to.x > from.x ? 8 : -8), y: from.y };
    end = { x: to.x + (to.x > from.x ? -9 : 9), y: to.y };
    d = `M${f(start.x)} ${f(start.y)}L${f(end.x)} ${f(end.y)}`;
    dir = { x: end.x - start.x, y: end.y - start.y };
  }
  const len = Math.hypot(dir.x, dir.y) || 1;
  const [ux, uy] = [dir.x / len, dir.y / len];
  const head = [
    [end.x, end.y],
    [end.x - 7 * ux - 3.5 * uy, end.y - 7 * uy + 3.5 * ux],
    [end.x - 7 * ux + 3.5 * uy, end.y - 7 * uy - 3.5 * ux],
  ]
    .map(([x, y]) => `${f(x!)},${f(y!)}`)
    .join(" ");
  return `<path d="${d}"/><polygon points="${head}" fill="#9aa7b8" stroke="none"/>`;
}

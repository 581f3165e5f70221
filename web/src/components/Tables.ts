/** The analysis tables: short boards, missing suppliers, target firms, cooperation, extension and growth. */
import { h } from "../dom";
import { joinNames, kindShort, nameOf, stageLabel, t } from "../i18n";
import type { Cooperation, Extension, Growth, MissingSupplier, Named, ShortBoard, TargetFirm } from "../types";
import { DataTable } from "./DataTable";

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const list = (xs: Named[]) => joinNames(xs.map(nameOf));
const reasons = (xs: string[]) => xs.join(" ");
const round = (v: number) => Math.round(v * 100) / 100;

export type FirmLink = (f: Named) => Node;

export function shortBoardsTable(open: (code: string) => void): DataTable<ShortBoard> {
  const codeButton = (r: ShortBoard) => {
    const b = h("button", { type: "button", class: "link", title: t("openPanel") }, r.product.code);
    b.addEventListener("click", () => open(r.product.code));
    return b;
  };
  return new DataTable<ShortBoard>("shortBoards", "table.shortBoards", [
    { label: "col.code", value: (r) => r.product.code, render: codeButton },
    { label: "col.product", value: (r) => nameOf(r.product) },
    { label: "col.stage", value: (r) => stageLabel(r.product.stage) },
    { label: "col.kinds", value: (r) => r.kinds.map(kindShort).join(" / ") },
    { label: "col.score", value: (r) => round(r.score), numeric: true },
    { label: "col.localProducers", value: (r) => r.localProducerCount, numeric: true },
    { label: "col.demanders", value: (r) => r.demanderCount, numeric: true },
    { label: "col.localShare", value: (r) => pct(r.localSupplyShare), numeric: true },
    { label: "col.dependents", value: (r) => r.dependentCount, numeric: true },
    { label: "col.reasons", value: (r) => reasons(r.reasons) },
  ]);
}

export function missingSuppliersTable(): DataTable<MissingSupplier> {
  return new DataTable<MissingSupplier>("missingSuppliers", "table.missingSuppliers", [
    { label: "col.code", value: (r) => r.product.code },
    { label: "col.product", value: (r) => nameOf(r.product) },
    { label: "col.stage", value: (r) => stageLabel(r.product.stage) },
    { label: "col.demanders", value: (r) => r.demanderCount, numeric: true },
    { label: "col.dependents", value: (r) => r.dependentCount, numeric: true },
    {
      label: "col.candidates",
      value: (r) => joinNames(r.candidates.map((c) => `${nameOf(c.enterprise)} (${nameOf(c.enterprise.city)})`)),
    },
    { label: "col.reasons", value: (r) => reasons(r.reasons) },
  ]);
}

export function targetFirmsTable(firm: FirmLink): DataTable<TargetFirm> {
  return new DataTable<TargetFirm>("targetFirms", "table.targetFirms", [
    { label: "col.enterprise", value: (r) => nameOf(r.enterprise), render: (r) => h("span", {}, firm(r.enterprise)) },
    { label: "col.code", value: (r) => r.enterprise.code },
    { label: "col.city", value: (r) => nameOf(r.enterprise.city) },
    { label: "col.covers", value: (r) => list(r.covers) },
    { label: "col.score", value: (r) => round(r.score), numeric: true },
    { label: "col.capacity", value: (r) => r.capacity, numeric: true },
    { label: "col.links", value: (r) => r.existingLinksIntoScope, numeric: true },
    { label: "col.reasons", value: (r) => reasons(r.reasons) },
  ]);
}

export function cooperationTable(): DataTable<Cooperation> {
  return new DataTable<Cooperation>("cooperation", "table.cooperation", [
    { label: "col.product", value: (r) => nameOf(r.product) },
    { label: "col.kind", value: (r) => kindShort(r.kind) },
    { label: "col.demandCity", value: (r) => nameOf(r.demandCity) },
    { label: "col.supplierCity", value: (r) => nameOf(r.supplierCity) },
    { label: "col.demanders", value: (r) => r.demanderCount, numeric: true },
    { label: "col.suppliers", value: (r) => r.supplierCount, numeric: true },
    { label: "col.existingLinks", value: (r) => r.existingLinks, numeric: true },
    { label: "col.score", value: (r) => round(r.score), numeric: true },
    { label: "col.reasons", value: (r) => reasons(r.reasons) },
  ]);
}

export function extensionTable(): DataTable<Extension> {
  return new DataTable<Extension>("extension", "table.extension", [
    { label: "col.code", value: (r) => r.product.code },
    { label: "col.product", value: (r) => nameOf(r.product) },
    { label: "col.stage", value: (r) => stageLabel(r.product.stage) },
    { label: "col.localInputShare", value: (r) => pct(r.localInputShare), numeric: true },
    { label: "col.localInputs", value: (r) => list(r.localInputs) },
    { label: "col.missingInputs", value: (r) => list(r.missingInputs) },
    { label: "col.score", value: (r) => round(r.score), numeric: true },
    { label: "col.reasons", value: (r) => reasons(r.reasons) },
  ]);
}

/** 发展潜力: the chain products a city could enter next, densest first (productSpace.entryCandidates). */
export function growthTable(): DataTable<Growth> {
  return new DataTable<Growth>("growth", "table.growth", [
    { label: "col.code", value: (r) => r.product.code },
    { label: "col.product", value: (r) => nameOf(r.product) },
    { label: "col.stage", value: (r) => stageLabel(r.product.stage) },
    { label: "col.density", value: (r) => round(r.density), numeric: true },
    { label: "col.ubiquity", value: (r) => r.ubiquity, numeric: true },
    {
      label: "col.related",
      value: (r) => joinNames(r.relatedPresent.map((x) => `${nameOf(x.product)} (${round(x.proximity)})`)),
    },
    { label: "col.reasons", value: (r) => reasons(r.reasons) },
  ]);
}

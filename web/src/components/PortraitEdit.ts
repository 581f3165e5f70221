/**
 * The portrait's part for editors and admins: a panel to correct the firm's city, cluster and
 * products (with capacities), and its history (变更记录), newest first.
 */
import { h, clear } from "../dom";
import { lang, nameOf, t } from "../i18n";
import { diffRecord, planEdit, type EditPlan, type ReadFirm } from "../edit-plan";
import type { AuditRecord, ClusterRow, Named, PortraitEditData, RegionRow } from "../types";

/** The province's cities and every cluster, from the pickers' answer. */
export interface EditChoices {
  regions: RegionRow[];
  clusters: ClusterRow[];
}

/** A message under the save button: what the last save did, or why it failed (with its code). */
export interface EditNotice {
  kind: "ok" | "error";
  text: string;
  code?: string;
}

/**
 * Runs a plan. Resolves with a notice for the panel as it stands (nothing was saved: the form keeps
 * what was typed), or null once the portrait has been read again (and shows its own notice).
 */
export type SaveEdit = (plan: EditPlan) => Promise<EditNotice | null>;

/** The cities of the province (the top region above `city`), by name. */
function provinceCities(regions: RegionRow[], city: string): RegionRow[] {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const root = (code: string): string => {
    let at = code;
    for (let up = byCode.get(at)?.parent?.code; up && byCode.has(up); up = byCode.get(up)?.parent?.code) at = up;
    return at;
  };
  const province = root(city);
  return regions.filter((r) => r.kind === "CITY" && root(r.code) === province).sort((a, b) => a.code.localeCompare(b.code));
}

export class PortraitEdit {
  readonly el = h("div", { class: "portrait-edit" });

  constructor(private save: SaveEdit) {}

  hide(): void {
    clear(this.el);
  }

  show(data: PortraitEditData, choices: EditChoices, notice: EditNotice | null = null): void {
    const e = data.enterprise;
    if (!e) return this.hide();
    const read: ReadFirm = {
      code: e.code,
      version: e.version,
      city: e.city.code,
      cluster: e.cluster?.code ?? null,
      products: e.products.map((p) => ({ code: p.product.code, capacity: p.capacity, version: p.version })),
    };
    const names = new Map<string, Named>(e.products.map((p) => [p.product.code, p.product]));

    const citySelect = h("select", { "data-testid": "edit-city", id: "edit-city" });
    const cities = provinceCities(choices.regions, read.city);
    if (!cities.some((c) => c.code === read.city))
      cities.unshift({ code: read.city, name: null, nameZh: null, kind: "CITY", parent: null });
    citySelect.replaceChildren(...cities.map((c) => h("option", { value: c.code }, nameOf(c))));
    citySelect.value = read.city;

    const clusterSelect = h("select", { "data-testid": "edit-cluster", id: "edit-cluster" });
    const fillClusters = (keep: string | null) => {
      const here = choices.clusters.filter((c) => c.city.code === citySelect.value);
      clusterSelect.replaceChildren(
        h("option", { value: "" }, t("editNoCluster")),
        ...here.map((c) => h("option", { value: c.code }, nameOf(c))),
      );
      clusterSelect.value = keep && here.some((c) => c.code === keep) ? keep : "";
    };
    fillClusters(read.cluster);
    citySelect.addEventListener("change", () => fillClusters(clusterSelect.value || null));

    const rows: Array<{ code: string; input: HTMLInputElement; remove: boolean }> = [];
    const list = h("ul", { class: "edit-products", "data-testid": "edit-products" });
    const addRow = (code: string, capacity: number | null) => {
      const input = h("input", {
        type: "text",
        inputmode: "decimal",
        size: 10,
        "data-testid": `edit-capacity-${code}`,
        "aria-label": `${t("editCapacity")} ${code}`,
        value: capacity === null ? "" : String(capacity),
      });
      const row = { code, input, remove: false };
      const toggle = h("button", { type: "button", "data-testid": `edit-remove-${code}` }, t("editRemove"));
      const li = h(
        "li",
        { "data-product": code },
        `${nameOf(names.get(code) ?? { code, name: null, nameZh: null })} (${code}) `,
        t("editCapacity"),
        " ",
        input,
        " ",
        toggle,
      );
      toggle.addEventListener("click", () => {
        row.remove = !row.remove;
        li.classList.toggle("removed", row.remove);
        input.disabled = row.remove;
        toggle.textContent = t(row.remove ? "editUndo" : "editRemove");
      });
      rows.push(row);
      list.append(li);
    };
    for (const p of read.products) addRow(p.code, p.capacity);

    const addInput = h("input", {
      type: "text",
      size: 14,
      "data-testid": "edit-add-code",
      "aria-label": t("editAddProduct"),
      placeholder: t("editAddProduct"),
    });
    const addBtn = h("button", { type: "button", "data-testid": "edit-add" }, t("editAdd"));
    addBtn.addEventListener("click", () => {
      const code = addInput.value.trim();
      if (!code || rows.some((r) => r.code === code)) return;
      addRow(code, null);
      addInput.value = "";
    });

    const message = h("p", { class: "edit-message", "data-testid": "edit-message", role: "status", "aria-live": "polite" });
    const say = (n: EditNotice | null) => {
      message.className = `edit-message${n?.kind === "error" ? " error" : ""}`;
      message.textContent = n ? `${n.text}${n.code ? ` (${n.code})` : ""}` : "";
    };
    say(notice);

    const saveBtn = h("button", { type: "submit", "data-testid": "edit-save" }, t("editSave"));
    const form = h(
      "form",
      { class: "edit-form", "data-testid": "edit-panel" },
      h("h3", {}, t("edit")),
      h(
        "p",
        {},
        h("label", { for: "edit-city" }, t("editCity")),
        " ",
        citySelect,
        "　",
        h("label", { for: "edit-cluster" }, t("editCluster")),
        " ",
        clusterSelect,
      ),
      h("h4", {}, t("editProducts")),
      list,
      h("p", {}, addInput, " ", addBtn),
      h("p", {}, saveBtn),
      message,
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const plan = planEdit(read, {
        city: citySelect.value,
        cluster: clusterSelect.value || null,
        products: rows.map((r) => ({ code: r.code, capacity: r.input.value, remove: r.remove })),
      });
      if (plan.invalid.length)
        return say({ kind: "error", text: `${t("editBadCapacity")}${t("colon")}${plan.invalid.join(t("listSep"))}` });
      if (!plan.enterprise && !plan.produces.length) return say({ kind: "ok", text: t("editNothing") });
      saveBtn.disabled = true;
      say({ kind: "ok", text: t("editSaving") });
      void this.save(plan)
        .then((n) => n && say(n))
        .finally(() => (saveBtn.disabled = false));
    });

    clear(this.el, form, historyList(e.history));
  }
}

function historyList(records: AuditRecord[]): HTMLElement {
  const title = h("h3", {}, t("history"));
  if (!records.length)
    return h("div", { class: "history", "data-testid": "history" }, title, h("p", { class: "muted" }, t("historyNone")));
  const head = h(
    "tr",
    {},
    ...(["history.at", "history.operation", "history.viewer", "history.element", "history.changes"] as const).map((k) =>
      h("th", {}, t(k)),
    ),
  );
  const body = records.map((r) => {
    const d = diffRecord(r.before, r.after);
    const what = d.changes.map((c) => `${c.key}: ${c.before} → ${c.after}`);
    if (d.kind !== "changed") what.unshift(t(d.kind === "created" ? "historyCreated" : "historyRemoved"));
    return h(
      "tr",
      { "data-seq": r.seq },
      h("td", {}, new Date(r.at).toLocaleString(lang() === "zh" ? "zh-CN" : "en-GB")),
      h("td", {}, r.operation),
      h("td", {}, r.viewer),
      h("td", {}, r.element),
      h("td", { class: "changes" }, what.join("; ")),
    );
  });
  return h(
    "div",
    { class: "history", "data-testid": "history" },
    title,
    h("table", {}, h("thead", {}, head), h("tbody", {}, ...body)),
  );
}

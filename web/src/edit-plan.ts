/** The portrait's edit panel as data: what a save sends, and what an audit record changed. */

/** A product the firm makes, as read (version: the capacity link's, which a save is made against). */
export interface ReadProduct {
  code: string;
  capacity: number | null;
  version: number;
}

/** The firm as the panel read it. */
export interface ReadFirm {
  code: string;
  version: number;
  city: string;
  cluster: string | null;
  products: ReadProduct[];
}

/** The panel's fields: a capacity is text as typed ("" = unknown). */
export interface EditForm {
  city: string;
  cluster: string | null;
  products: Array<{ code: string; capacity: string; remove: boolean }>;
}

export interface EnterpriseInput {
  code: string;
  city?: string;
  cluster?: string | null;
  expectedVersion: number;
}
export interface ProducesInput {
  enterprise: string;
  product: string;
  capacity?: number | null;
  remove?: boolean;
  expectedVersion?: number;
}

/** What a save sends: upsertEnterprises' one input (null: city and cluster unchanged), then setProduces'. */
export interface EditPlan {
  enterprise: EnterpriseInput | null;
  produces: ProducesInput[];
  /** Products whose capacity is not a number of zero or more: nothing is sent while there are any. */
  invalid: string[];
}

/** A capacity as typed: "" is unknown (null), otherwise a finite number ≥ 0, else undefined (invalid). */
export function parseCapacity(text: string): number | null | undefined {
  const s = text.trim().replace(/,/g, "");
  if (s === "") return null;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * The changes from what was read to the form: only changed fields, each against the version read
 * (products added in the form carry none: there was no link to read).
 */
export function planEdit(read: ReadFirm, form: EditForm): EditPlan {
  const enterprise: EnterpriseInput = { code: read.code, expectedVersion: read.version };
  if (form.city !== read.city) enterprise.city = form.city;
  if (form.cluster !== read.cluster) enterprise.cluster = form.cluster;
  const known = new Map(read.products.map((p) => [p.code, p]));
  const produces: ProducesInput[] = [];
  const invalid: string[] = [];
  for (const p of form.products) {
    const was = known.get(p.code);
    if (p.remove) {
      if (was) produces.push({ enterprise: read.code, product: p.code, remove: true, expectedVersion: was.version });
      continue;
    }
    const capacity = parseCapacity(p.capacity);
    if (capacity === undefined) {
      invalid.push(p.code);
      continue;
    }
    if (!was) produces.push({ enterprise: read.code, product: p.code, capacity });
    else if (capacity !== was.capacity)
      produces.push({ enterprise: read.code, product: p.code, capacity, expectedVersion: was.version });
  }
  const changed = enterprise.city !== undefined || enterprise.cluster !== undefined;
  return { enterprise: changed ? enterprise : null, produces, invalid };
}

/** Bookkeeping that changes with every edit and says nothing about it. */
const SILENT = new Set(["version"]);

export interface FieldChange {
  key: string;
  before: string;
  after: string;
}

const show = (v: unknown): string => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

function parse(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { value: json };
  }
}

/**
 * What an audit record changed: the keys of its before and after JSON whose values differ (in the
 * order after, then before, lists them), without the version. `created`/`removed` when one side is null.
 */
export function diffRecord(
  before: string | null,
  after: string | null,
): { kind: "created" | "removed" | "changed"; changes: FieldChange[] } {
  const b = parse(before) ?? {};
  const a = parse(after) ?? {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !SILENT.has(k));
  const changes = keys
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((key) => ({ key, before: show(b[key]), after: show(a[key]) }));
  return { kind: before === null ? "created" : after === null ? "removed" : "changed", changes };
}

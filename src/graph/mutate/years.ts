import { yearKey, type YearlyProperty } from "../vocabulary/yearly.js";

/**
 * The years an element holds after a change, pure. A change holds from its year on (`from`): earlier
 * years keep their state. `all` is the years the graph holds, ascending; on a graph without years
 * (`all` empty, `from` null) elements are timeless (`years` null) and a change simply holds.
 * `years` is the element's list before the change: null when timeless, undefined when it is new.
 */
export type Held = number[] | null;

/** The years an element holds once a change makes it hold from `from` on. */
export function heldFrom(years: Held | undefined, from: number | null, all: readonly number[]): Held {
  if (from === null || all.length === 0) return null;
  const later = all.filter((y) => y >= from);
  if (years === undefined) return later;
  if (years === null) return null; // timeless: it holds already
  return [...new Set([...years, ...later])].sort((a, b) => a - b);
}

/** The years an element holds once a change ends it from `from` on; "gone" when none are left. */
export function endedFrom(years: Held, from: number | null, all: readonly number[]): number[] | "gone" {
  if (from === null || all.length === 0) return "gone";
  const left = (years ?? all).filter((y) => y < from);
  return left.length === 0 ? "gone" : left;
}

type Props = Record<string, unknown>;

/**
 * A relationship's properties and years once its yearly property `prop` (capacity, volume) is `value`
 * from `from` on, and it holds from then on. Years before `from` keep their values; a timeless
 * relationship of a graph with years whose value changes after the first year becomes yearly, its
 * earlier years keeping the value it had.
 */
export function withYearlyValue(
  props: Props,
  prop: YearlyProperty,
  value: number | null,
  before: Held | undefined,
  from: number | null,
  all: readonly number[],
): { props: Props; years: Held } {
  const out: Props = { ...props };
  let years = heldFrom(before, from, all);
  if (years === null && from !== null && all.length > 0 && from > all[0]! && props[prop] !== value) {
    // A timeless value that changes in a later year: the years before keep the value it had.
    years = [...all];
    for (const y of all) if (y < from && props[prop] !== undefined && props[prop] !== null) out[yearKey(prop, y)] = props[prop];
  }
  if (years !== null && from !== null) {
    for (const y of years) if (y >= from) setKey(out, yearKey(prop, y), value);
  }
  setKey(out, prop, value);
  return { props: out, years };
}

/**
 * A relationship's properties once it ends from `from` on and still holds in `years` (ascending, not
 * empty): the ended years' values go, and the unsuffixed value is that of its new latest year. A
 * relationship that was timeless keeps its value in the years left.
 */
export function endedValues(
  props: Props,
  prop: YearlyProperty,
  wasTimeless: boolean,
  years: readonly number[],
  all: readonly number[],
): Props {
  const out: Props = { ...props };
  if (wasTimeless) for (const y of years) setKey(out, yearKey(prop, y), props[prop] ?? null);
  for (const y of all) if (!years.includes(y)) delete out[yearKey(prop, y)];
  setKey(out, prop, out[yearKey(prop, years[years.length - 1]!)] ?? null);
  return out;
}

function setKey(props: Props, key: string, value: unknown): void {
  if (value === null || value === undefined) delete props[key];
  else props[key] = value;
}

/**
 * Relationship properties kept per year. A firm's output of a product (`PRODUCES.capacity`) and a
 * supply link's volume (`SUPPLIES.volume`) change from year to year, so a yearly import stores each
 * year's value under its own key, `capacity_2024`, beside the unsuffixed `capacity` (the latest year's,
 * as for every other property). A value the year's row leaves empty is no key at all. A timeless
 * element (no `years`) has only the unsuffixed property, which holds in every year.
 *
 * Keys are made here from a property of this list and an integer year, never from data; an extra CSV
 * column may not take one (src/graph/import/validate.ts).
 */
export const YEARLY_PROPERTIES = ["capacity", "volume"] as const;
export type YearlyProperty = (typeof YEARLY_PROPERTIES)[number];

/** The relationship types with a property kept per year, and that property. */
export const YEARLY_PROPERTY_OF: Partial<Record<string, YearlyProperty>> = { PRODUCES: "capacity", SUPPLIES: "volume" };

/** The key of `prop`'s value in `year`. */
export const yearKey = (prop: YearlyProperty, year: number) => `${prop}_${year}`;

const YEAR_KEY = new RegExp(`^(${YEARLY_PROPERTIES.join("|")})_-?\\d+$`);

/** Whether a property key is a per-year key (`capacity_2024`), which is no attribute of its element. */
export const isYearKey = (key: string) => YEAR_KEY.test(key);

/** The map that removes `prop`'s per-year keys of `years` from an element (`SET r += map`). */
export function clearYears(years: readonly number[], props: readonly YearlyProperty[] = YEARLY_PROPERTIES) {
  return Object.fromEntries(years.flatMap((y) => props.map((p) => [yearKey(p, y), null])));
}

/**
 * Cypher for relationship `v`'s `prop` as it stood in the year `year` (a parameter, `$year` by
 * default): the unsuffixed value when no year is asked or `v` is timeless, else the year's own key,
 * null when that year's row gave none. Constant text: `v`, `prop` and `year` come from this codebase.
 */
export const yearValue = (v: string, prop: YearlyProperty, year = "$year") =>
  `CASE WHEN ${year} IS NULL OR ${v}.years IS NULL THEN ${v}.${prop} ELSE ${v}['${prop}_' + toString(toInteger(${year}))] END`;

/** Cypher for relationship `v`'s property `prop`: that of the year `year` when `prop` is kept per year and a year is given. */
export const relationshipValue = (v: string, prop: string, year?: string) =>
  year && (YEARLY_PROPERTIES as readonly string[]).includes(prop) ? yearValue(v, prop as YearlyProperty, year) : `${v}.${prop}`;

import { PROPERTY_NAME, RESERVED_PROPERTIES, type FileSpec } from "../import/spec.js";
import { isYearKey } from "../vocabulary/yearly.js";
import { jsonValue } from "./values.js";

/**
 * Properties the service keeps for itself, which no data set holds and the export leaves out: the
 * years an element holds and its import's stamp (src/graph/import/years.ts), the search text every
 * import recomputes, the version the mutations keep, the derived dependent counts
 * (src/graph/derived/derived.ts; `dependentCount` is its name before years) and, by isYearKey, the
 * per-year capacities and volumes, which the export writes as the year's `capacity` or `volume`.
 */
const BOOKKEEPING = new Set(["years", "importStamp", "searchText", "version", "dependentCounts", "dependentCount"]);

/** Whether property `key` is the service's bookkeeping rather than data. */
export const isBookkeeping = (key: string): boolean => BOOKKEEPING.has(key) || isYearKey(key);

/** The bookkeeping properties named above, for Cypher that must tell data from bookkeeping. */
export const BOOKKEEPING_PROPERTIES: readonly string[] = [...BOOKKEEPING];

/**
 * Why property `key` cannot be an extra column of `spec`'s file, or undefined when it can: the
 * importer refuses a column that is not a property name or takes a reserved property, and reads a
 * standard column's name as that column. An import never stores such a property; another writer may.
 */
export function columnProblem(key: string, spec: FileSpec): string | undefined {
  if (!PROPERTY_NAME.test(key)) return "not a valid column name";
  if (spec.columns.some((c) => c.name === key)) return "the name of a standard column";
  if (RESERVED_PROPERTIES.has(key) || spec.reserved?.includes(key)) return "a reserved property";
  return undefined;
}

/**
 * An element's attributes: its properties but those its standard columns or fields carry (`standard`)
 * and the bookkeeping, sorted by key, with JSON values (numbers stay numbers).
 */
export function attributesOf(props: Record<string, unknown>, standard: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(props).sort()) {
    if (standard.has(key) || isBookkeeping(key) || props[key] === null || props[key] === undefined) continue;
    out[key] = jsonValue(props[key]);
  }
  return out;
}

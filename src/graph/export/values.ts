/**
 * Stored values as the export writes them, so that the importer reads each back as the same value
 * (src/graph/import/spec.ts: `extraValue` keeps a plain decimal as a number, anything else as text).
 */

/**
 * A finite number as a plain decimal (`1000000000000000000000`, `0.0000001`, never `1e+21`), with the
 * digits of JavaScript's shortest round-trip form: `Number(plainNumber(x)) === x` for every finite x.
 * The importer keeps only a plain decimal as a number, so exponent notation would come back as text.
 */
export function plainNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Object.is(x, -0)) return "-0";
  const text = String(x);
  const e = text.indexOf("e");
  if (e < 0) return text;
  const negative = text.startsWith("-");
  const mantissa = text.slice(negative ? 1 : 0, e);
  const dot = mantissa.indexOf(".");
  const digits = mantissa.replace(".", "");
  // Where the decimal point falls in `digits` once the exponent is applied.
  const point = (dot < 0 ? mantissa.length : dot) + Number(text.slice(e + 1));
  const plain =
    point <= 0
      ? `0.${"0".repeat(-point)}${digits}`
      : point >= digits.length
        ? `${digits}${"0".repeat(point - digits.length)}`
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}

/**
 * A property value as a CSV cell: empty for none, numbers as plain decimals, text as it is. Other
 * types, which no import stores, are written as their text (a list as its items joined by `;`).
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return plainNumber(value);
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(cellText).join(";");
  return String(value);
}

/** A property value in a JSON record: strings, numbers, booleans and lists as they are; anything else (a date) as its text. */
export function jsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(jsonValue);
  return String(value);
}

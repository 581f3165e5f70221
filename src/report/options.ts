/** What an annual report is asked for, as the CLI (src/cli/report.ts) and `GET /report` both take it. */
export type ReportLang = "zh" | "en";
export const REPORT_LANGS: readonly ReportLang[] = ["zh", "en"];

export interface ReportOptions {
  /** A region code: a province, circle or city. */
  region: string;
  /** The year the report is for; null: the latest year the graph holds. */
  year: number | null;
  /** One chain code, or null for every chain that has products. */
  chain: string | null;
  lang: ReportLang;
}

/** The years a report may be asked for. */
export const YEAR_MIN = 1990;
export const YEAR_MAX = 2100;

/** A parameter of a report that is malformed (not an unknown code: that is NOT_FOUND, found later). */
export class ReportParamError extends Error {
  override name = "ReportParamError";
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/**
 * Checks a report's parameters, given as strings (flags or a query string): \`region\` is required,
 * \`year\` (default: the latest the graph holds) and \`chain\` are optional, \`lang\` is zh (default)
 * or en. Throws ReportParamError naming the first bad one.
 */
export function parseReportOptions(raw: Readonly<Record<string, string | undefined>>): ReportOptions {
  const region = raw.region?.trim();
  if (!region) throw new ReportParamError("region is required: a region code such as SD or SD-JINAN", "region");
  if (!CODE.test(region)) throw new ReportParamError(`region "${region.slice(0, 100)}" is not a code`, "region");
  const yearText = raw.year?.trim();
  const year = yearText ? Number(yearText) : null;
  if (yearText && (!/^\d{4}$/.test(yearText) || year! < YEAR_MIN || year! > YEAR_MAX)) {
    throw new ReportParamError(`year must be a year from ${YEAR_MIN} to ${YEAR_MAX}, got "${yearText.slice(0, 20)}"`, "year");
  }
  const chainText = raw.chain?.trim();
  const chain = chainText ? chainText : null;
  if (chain !== null && !CODE.test(chain)) throw new ReportParamError(`chain "${chain.slice(0, 100)}" is not a code`, "chain");
  const lang = (raw.lang?.trim() || "zh") as ReportLang;
  if (!REPORT_LANGS.includes(lang)) {
    throw new ReportParamError(`lang must be zh or en, got "${String(raw.lang).slice(0, 20)}"`, "lang");
  }
  return { region, year, chain, lang };
}

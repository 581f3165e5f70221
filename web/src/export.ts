/** Table exports: CSV (UTF-8 with BOM, so Excel reads Chinese) and .xlsx (exceljs, loaded only when asked). */

export type Cell = string | number | null;

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const csvCell = (v: Cell) => {
  const s = v === null ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 text with a BOM and CRLF line ends. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return "\uFEFF" + [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function exportCsv(filename: string, header: string[], rows: Cell[][]): void {
  download(new Blob([toCsv(header, rows)], { type: "text/csv;charset=utf-8" }), `${filename}.csv`);
}

export async function exportXlsx(filename: string, sheet: string, header: string[], rows: Cell[][]): Promise<void> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "chain-kg";
  // Excel allows 31 characters and no []:*?/\ in a sheet name.
  const ws = wb.addWorksheet(sheet.replace(/[[\]:*?/\\]/g, " ").slice(0, 31));
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.views = [{ state: "frozen", ySplit: 1 }];
  ws.columns.forEach((c, i) => {
    const longest = Math.max(...[header[i], ...rows.map((r) => r[i])].map((v) => String(v ?? "").length));
    c.width = Math.min(60, Math.max(8, longest * 1.6));
  });
  const buf = await wb.xlsx.writeBuffer();
  download(new Blob([buf], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), `${filename}.xlsx`);
}

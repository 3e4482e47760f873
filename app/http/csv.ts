// CSV as RFC 4180 reads it, for the exports (the audit log, the reports): every cell quoted,
// lines ended by CRLF, and SECURITY.md C's guard for spreadsheets.

/** RFC 4180 quoting, and a leading ' for cells a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  // SECURITY.md C: =, +, -, @, tab and carriage return start a formula in some spreadsheets.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Lines of cells as one CSV text. */
export function csvText(lines: readonly (readonly unknown[])[]): string {
  return lines.map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

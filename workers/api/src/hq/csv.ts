/** RFC 4180 CSV: every field quoted when it holds a quote, comma or line break; a BOM so Excel reads UTF-8. */
export function toCsv(rows: Array<Record<string, unknown>>): string {
  if (rows.length === 0) return "\ufeff";
  const headers = Object.keys(rows[0]!);
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\ufeff${[headers.join(","), ...rows.map((r) => headers.map((h) => cell(r[h])).join(","))].join("\r\n")}\r\n`;
}

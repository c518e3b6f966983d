import { offsetAt } from "../deadline/zoned-time.ts";

// The one CSV writer of the product: every export (head office, region, audit log) goes through `toCsv`.
// RFC 4180 quoting, a BOM so Excel reads UTF-8, headers in the reader's language, instants in the branch's
// zone, and no cell that a spreadsheet would run as a formula.

/** A cell a spreadsheet would read as a formula (or that hides one behind a tab, CR or spaces). */
const FORMULA_START = /^[\s]*[=+\-@\t\r]/;

/** Text that starts like a formula gets a leading apostrophe: spreadsheets show it as text and never run it. */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** `2026-03-01 09:30:00+08:00`: the wall-clock time in `timeZone`, with its offset so it stays unambiguous. */
export function formatInstant(ms: number, timeZone: string): string {
  const offset = offsetAt(timeZone, ms);
  const local = new Date(ms + offset).toISOString();
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset) / 60_000;
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${local.slice(0, 10)} ${local.slice(11, 19)}${sign}${hh}:${mm}`;
}

export interface CsvColumn<R> {
  /** The row's field (or what `value` derives). */
  key: string;
  /** The header, already in the reader's language. */
  header: string;
  value?: (row: R) => unknown;
  /** An instant (epoch ms or ISO string): written in the row's time zone. */
  instant?: boolean;
}

export interface CsvOptions<R> {
  /** The IANA zone of a row's instants (its branch's); UTC when absent. */
  timeZone?: string | ((row: R) => string);
}

function text(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** One field: numbers as they are, any other text neutralised, then quoted when it holds a quote, comma or line break. */
export function csvCell(v: unknown): string {
  const s = typeof v === "number" ? text(v) : neutralizeCell(text(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function instantOf(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v) {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/** Rows as a CSV document (CRLF lines, BOM). */
export function toCsv<R>(columns: ReadonlyArray<CsvColumn<R>>, rows: readonly R[], options: CsvOptions<R> = {}): string {
  const zoneOf = (row: R) => (typeof options.timeZone === "function" ? options.timeZone(row) : (options.timeZone ?? "UTC"));
  const line = (row: R) =>
    columns
      .map((c) => {
        const raw = c.value ? c.value(row) : (row as Record<string, unknown>)[c.key];
        if (!c.instant) return csvCell(raw);
        const ms = instantOf(raw);
        return csvCell(ms === null ? raw : formatInstant(ms, zoneOf(row)));
      })
      .join(",");
  const head = columns.map((c) => csvCell(c.header)).join(",");
  return `\ufeff${[head, ...rows.map(line)].join("\r\n")}\r\n`;
}

/** Reads a CSV document back into rows of fields (RFC 4180 quoting; BOM and blank lines ignored). */
export function parseCsv(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = input.replace(/^\ufeff/, "");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      row.push(field);
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== "")) rows.push(row);
  return rows;
}
export * from "./headers.ts";

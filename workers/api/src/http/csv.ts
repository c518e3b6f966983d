import { type CsvHeaderKey, csvColumns, toCsv } from "@wuye/core";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";

/** What a CSV export says about its table: its columns (headed in the reader's language), and its instants' zone. */
export interface CsvSpec<R> {
  columns: readonly CsvHeaderKey[];
  instants?: readonly CsvHeaderKey[];
  /** The IANA zone of a row's instants: its branch's. */
  zone: (row: R) => string;
}

/** Rows as a CSV download through the product's one CSV writer (formula-safe cells). */
export function csvDownload<R>(c: Context<HonoEnv>, name: string, rows: readonly R[], spec: CsvSpec<R>) {
  const columns = csvColumns<R>(c.var.locale, spec.columns, spec.instants);
  return c.body(toCsv(columns, rows, { timeZone: spec.zone }), 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${name}.csv"`,
  });
}

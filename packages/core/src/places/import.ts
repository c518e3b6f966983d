import { z } from "zod";
import type { FieldError } from "../errors/index.ts";
import { readPhone } from "../request/schema.ts";

/**
 * Spreadsheet columns, by the headers people write (Chinese first, English accepted). Only 楼栋 and 房号 are
 * required; 小区 may be left out when the import names the community.
 */
const COLUMNS = {
  community: ["小区", "community"],
  building: ["楼栋", "楼号", "building"],
  entrance: ["单元", "entrance"],
  number: ["房号", "房间号", "unit", "number"],
  area: ["面积", "area"],
  ownerName: ["业主姓名", "业主", "owner"],
  phone: ["电话", "手机", "联系电话", "phone"],
} as const;
export type ImportColumn = keyof typeof COLUMNS;

export const MAX_IMPORT_ROWS = 20_000;

/** What the api receives: the sheet as text cells (the browser reads .xlsx and .csv), first row the header. */
export const UnitImportInputSchema = z.strictObject({
  communityId: z.string().min(3).max(64).optional(),
  dryRun: z.boolean().default(true),
  rows: z
    .array(z.array(z.string().max(200)).max(30))
    .min(2, "a header and at least one row")
    .max(MAX_IMPORT_ROWS + 1),
});
export type UnitImportInput = z.infer<typeof UnitImportInputSchema>;

export interface ImportedUnit {
  /** Spreadsheet line (the header is line 1). */
  line: number;
  community: string | null;
  building: string;
  entrance: string | null;
  number: string;
  area: number | null;
  owner: { name: string; phone: string } | null;
}

export interface ImportError extends FieldError {
  line: number;
  field: ImportColumn | "header";
  code: ImportErrorCode;
  /** The cell as written, or the other line of a duplicate: for the screen's own sentence. */
  value: string;
}

/** Each row checked on its own; every error names its line and column, none stops the check. */
export function readUnitSheet(rows: string[][], opts: { communityGiven: boolean }): { units: ImportedUnit[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = {} as Record<ImportColumn, number>;
  for (const [key, names] of Object.entries(COLUMNS) as Array<[ImportColumn, readonly string[]]>) {
    // biome-ignore lint/complexity/useIndexOf: a column is found by any of its names, not by one value
    col[key] = header.findIndex((h) => names.some((n) => n.toLowerCase() === h));
  }
  const need: ImportColumn[] = opts.communityGiven ? ["building", "number"] : ["community", "building", "number"];
  for (const key of need) {
    if (col[key] < 0) errors.push(err(1, "header", `missing column ${COLUMNS[key][0]}`, "missingColumn", COLUMNS[key][0]));
  }
  if (errors.length) return { units: [], errors };

  const units: ImportedUnit[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < rows.length; i++) {
    const line = i + 1;
    const row = rows[i]!;
    const cell = (key: ImportColumn) => (col[key] >= 0 ? (row[col[key]] ?? "").trim() : "");
    if (row.every((c) => c.trim() === "")) continue;
    const before = errors.length;
    const building = cell("building");
    const number = cell("number");
    const community = cell("community") || null;
    if (!building) errors.push(err(line, "building", "楼栋 is empty", "empty"));
    if (!number) errors.push(err(line, "number", "房号 is empty", "empty"));
    if (!opts.communityGiven && !community) errors.push(err(line, "community", "小区 is empty", "empty"));
    if (building.length > 60) errors.push(err(line, "building", "楼栋 is longer than 60 characters", "tooLong"));
    if (number.length > 20) errors.push(err(line, "number", "房号 is longer than 20 characters", "tooLong"));
    const rawArea = cell("area");
    const area = rawArea === "" ? null : Number(rawArea.replace(/(㎡|m2|平方米|平米)$/i, ""));
    if (area !== null && !(Number.isFinite(area) && area > 0 && area <= 100_000))
      errors.push(err(line, "area", `面积 "${rawArea}" is not a positive number`, "notArea", rawArea));
    const ownerName = cell("ownerName");
    const rawPhone = cell("phone");
    let owner: ImportedUnit["owner"] = null;
    if (rawPhone) {
      const phone = readPhone(rawPhone);
      if (!phone) errors.push(err(line, "phone", `电话 "${rawPhone}" is not a valid phone number`, "notPhone", rawPhone));
      else owner = { name: ownerName.slice(0, 40), phone };
    } else if (ownerName) errors.push(err(line, "phone", "业主姓名 without 电话: the owner needs a phone", "ownerWithoutPhone"));
    const key = `${community ?? ""}|${building}|${number}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push(err(line, "number", `the same unit as line ${first}`, "duplicate", String(first)));
    else seen.set(key, line);
    if (errors.length === before) {
      units.push({ line, community, building, entrance: cell("entrance") || null, number, area, owner });
    }
  }
  return { units, errors };
}

export const IMPORT_ERROR_CODES = ["missingColumn", "empty", "tooLong", "notArea", "notPhone", "ownerWithoutPhone", "duplicate"] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

function err(line: number, field: ImportColumn | "header", message: string, code: ImportErrorCode, value = ""): ImportError {
  return { line, field, path: `rows.${line}.${field}`, message, code, value };
}

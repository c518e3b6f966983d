import { z } from "zod";

/**
 * A branch export (备份文件): its database's rows per table and its control rows (the branch, its settings
 * and places), with the migrations the database had. Restoring it creates a new branch and database.
 */
export const BRANCH_EXPORT_FORMAT = "wuye-branch-export";
export const BRANCH_EXPORT_VERSION = 1;

/** A cell as JSON carries it; blobs travel as `{ "$blob": base64 }`. */
const Cell = z.union([z.string(), z.number(), z.null(), z.strictObject({ $blob: z.string() })]);
const Table = z.strictObject({ columns: z.array(z.string().min(1)), rows: z.array(z.array(Cell)) });
export type ExportTable = z.infer<typeof Table>;
export type ExportCell = z.infer<typeof Cell>;

export const BranchExportSchema = z.strictObject({
  format: z.literal(BRANCH_EXPORT_FORMAT),
  version: z.literal(BRANCH_EXPORT_VERSION),
  exportedAt: z.string(),
  branch: z.strictObject({ id: z.string(), slug: z.string(), trackingPrefix: z.string() }),
  /** Tags of the branch database's applied migrations, in order. */
  migrations: z.array(z.string()),
  /** The branch's rows in the control database, per table (branches, branch_settings, places…). */
  control: z.record(z.string(), Table),
  /** Every table of the branch database. */
  database: z.record(z.string(), Table),
});
export type BranchExport = z.infer<typeof BranchExportSchema>;

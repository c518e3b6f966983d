import { createRoute, z } from "@hono/zod-openapi";
import { BadInput, readUnitSheet, UnitImportInputSchema } from "@wuye/core";
import { importUnits } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { parentOfBranch } from "./kinds.ts";

/** The largest import body (20,000 rows of text cells): app.ts lets this route past the 256 KB JSON limit. */
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024;

const Report = z.object({
  dryRun: z.boolean(),
  rows: z.number(),
  errors: z.array(
    z.object({ line: z.number(), field: z.string(), path: z.string(), message: z.string(), code: z.string(), value: z.string() }),
  ),
  communitiesCreated: z.number(),
  buildingsCreated: z.number(),
  unitsCreated: z.number(),
  unitsUpdated: z.number(),
  owners: z.number(),
});

/**
 * Units from a spreadsheet (the browser reads .xlsx and .csv into text cells). All or nothing: with any bad row
 * nothing is written and the report names the line and field of every error; fixed and sent again, it is
 * written whole. A re-import is idempotent: a unit is matched by building + number. Owners become the branch's
 * resident records (branch database), matched by phone.
 */
export const importUnitsRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/places/import",
    tags: ["console"],
    summary: "Import units and owners from spreadsheet rows (dry run by default; all or nothing)",
    security: [{ bearer: [] }],
    request: { body: { content: { "application/json": { schema: UnitImportInputSchema } }, required: true } },
    responses: {
      200: { description: "The report (written unless dryRun or errors)", content: { "application/json": { schema: Report } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "places.manage");
    const s = c.var.services;
    const input = c.req.valid("json");
    const branchId = c.var.tenant.branch.id;
    const community = input.communityId ? await parentOfBranch(s, "communities", input.communityId, branchId, "communityId") : null;
    const { units, errors } = readUnitSheet(input.rows, { communityGiven: !!community });
    const rows = units.map((u) => ({ ...u, community: u.community ?? (community!.name as string) }));
    const empty = { communitiesCreated: 0, buildingsCreated: 0, unitsCreated: 0, unitsUpdated: 0, owners: 0 };
    if (errors.length && !input.dryRun) {
      throw new BadInput(
        `${errors.length} row error(s): nothing was imported`,
        errors.map(({ path, message }) => ({ path, message })),
      );
    }
    const report = errors.length
      ? empty
      : await importUnits(s.control, c.var.tenant.db, { branchId, rows, now: s.now(), dryRun: input.dryRun });
    return c.json({ dryRun: input.dryRun, rows: units.length + new Set(errors.map((e) => e.line)).size, errors, ...report }, 200);
  },
);

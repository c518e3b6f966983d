import { createRoute, z } from "@hono/zod-openapi";
import { maskPhone } from "@wuye/core";
import { listResidents, writeAudit } from "@wuye/db";
import { auditEntry, iso, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { ResidentItem } from "./resident-views.ts";

export const listResidentsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/residents",
    tags: ["console"],
    summary: "The resident archive (phones masked); the look is audited",
    security: [{ bearer: [] }],
    request: { query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
    responses: { 200: ok("Residents", z.object({ items: z.array(ResidentItem) })), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "request.readResident");
    const { branch, db } = c.var.tenant;
    const rows = await listResidents(db, c.req.valid("query").limit);
    // Every look at the archive is written to the audit log before the data leaves.
    const subject = { type: "resident-archive", id: branch.id };
    await writeAudit(db, auditEntry(c.var.actor, "resident.archive.read", subject, c.var.services.now(), { count: rows.length }));
    return c.json(
      {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          phone: maskPhone(r.phone),
          unitId: r.unitId,
          verified: r.verifiedAt !== null,
          createdAt: iso(r.createdAt),
        })),
      },
      200,
    );
  },
);

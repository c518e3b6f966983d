import { createRoute, z } from "@hono/zod-openapi";
import { maskPhone } from "@wuye/core";
import { branchPlaces, searchResidents, writeAudit } from "@wuye/db";
import type { Services } from "../services.ts";
import { auditEntry, iso, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { ResidentItem } from "./resident-views.ts";

/** Units whose label, with or without the community's name, contains the search ("2栋301", "一期2栋301"). */
async function unitsNamed(s: Services, branchId: string, q: string): Promise<string[]> {
  const words = q.replace(/\s+/g, "");
  return (await branchPlaces(s.control, branchId)).flatMap((cm) =>
    cm.units.filter((u) => `${cm.name}${u.label}`.includes(words)).map((u) => u.id),
  );
}

export const listResidentsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/residents",
    tags: ["console"],
    summary:
      'The resident archive (phones masked), searched by name, phone (or part of it) or unit as people write it ("一期2栋301"); the look is audited',
    security: [{ bearer: [] }],
    request: {
      query: z.strictObject({
        q: z.string().trim().min(1).max(60).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: { 200: ok("Residents", z.object({ items: z.array(ResidentItem) })), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "request.readResident");
    requirePermission(c.var.actor, "request.readAll"); // a technician sees residents only on their own jobs
    const { branch, db } = c.var.tenant;
    const { q, limit } = c.req.valid("query");
    const rows = await searchResidents(db, { q, unitIds: q ? await unitsNamed(c.var.services, branch.id, q) : [], limit });
    // Every look at the archive is written to the audit log before the data leaves.
    const subject = { type: "resident-archive", id: branch.id };
    await writeAudit(
      db,
      auditEntry(c.var.actor, "resident.archive.read", subject, c.var.services.now(), { count: rows.length, ...(q ? { q } : {}) }),
    );
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

import { createRoute } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { findResident, requestsOfRecord, writeAudit } from "@wuye/db";
import { auditEntry, IdParam, iso, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { ResidentDetail } from "./resident-views.ts";

export const getResidentRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/residents/{id}",
    tags: ["console"],
    summary: "One resident record in full, with the resident's requests; who read it and when is audited",
    security: [{ bearer: [] }],
    request: { params: IdParam },
    responses: { 200: ok("The record", ResidentDetail), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "request.readResident");
    requirePermission(c.var.actor, "request.readAll"); // a technician sees residents only on their own jobs
    const { db } = c.var.tenant;
    const r = await findResident(db, c.req.valid("param").id);
    if (!r) throw new NotFound("resident");
    await writeAudit(db, auditEntry(c.var.actor, "resident.read", { type: "resident", id: r.id }, c.var.services.now()));
    const requests = await requestsOfRecord(db, r);
    return c.json(
      {
        requests: requests.map((x) => ({ ...x, createdAt: iso(x.createdAt) })),
        id: r.id,
        name: r.name,
        phone: r.phone,
        email: r.email,
        unitId: r.unitId,
        locale: r.locale,
        channels: r.channels,
        verified: r.verifiedAt !== null,
        verifiedAt: iso(r.verifiedAt),
        createdAt: iso(r.createdAt),
        updatedAt: iso(r.updatedAt),
      },
      200,
    );
  },
);

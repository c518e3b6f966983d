import { createRoute, z } from "@hono/zod-openapi";
import { maskPhone, mayReadResidentPhone } from "@wuye/core";
import { jobsOf } from "@wuye/db";
import { iso } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";

const JobView = z.object({
  id: z.string(),
  trackingCode: z.string(),
  category: z.string().nullable(),
  urgency: z.string(),
  status: z.string(),
  description: z.string(),
  unitId: z.string().nullable(),
  communityId: z.string().nullable(),
  area: z.string().nullable(),
  appointment: z.object({ from: z.string(), to: z.string() }).nullable(),
  keyLeft: z.boolean().nullable(),
  contactName: z.string(),
  contactPhone: z.string().openapi({ description: "in full while the job is the technician's and open (core mayReadResidentPhone)" }),
  createdAt: z.string(),
  version: z.number(),
});
export const MyJobsView = z.object({ items: z.array(JobView) });

/** 我的工单: the technician's open jobs, the soonest appointment first, then the urgent ones. */
export const myJobsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/me/jobs",
    tags: ["workflow"],
    summary: "My jobs (我的工单): repairs assigned to me and open, by appointment then urgency",
    security: [{ bearer: [] }],
    responses: { 200: { description: "My jobs", content: { "application/json": { schema: MyJobsView } } }, ...errorResponses },
  }),
  async (c) => {
    const actor = c.var.actor;
    requirePermission(actor, "request.read");
    const rows = await jobsOf(c.var.tenant.db, actor.staffId);
    const items = rows.map((r) => ({
      id: r.id,
      trackingCode: r.trackingCode,
      category: r.category,
      urgency: r.urgency,
      status: r.status,
      description: r.description,
      unitId: r.unitId,
      communityId: r.communityId,
      area: r.area,
      appointment: r.appointmentFrom && r.appointmentTo ? { from: iso(r.appointmentFrom), to: iso(r.appointmentTo) } : null,
      keyLeft: r.keyLeft,
      contactName: r.contactName,
      contactPhone: mayReadResidentPhone(actor, { kind: "repair", status: r.status, assigneeId: actor.staffId })
        ? r.contactPhone
        : maskPhone(r.contactPhone),
      createdAt: iso(r.createdAt),
      version: r.version,
    }));
    return c.json({ items }, 200);
  },
);

import { createRoute, z } from "@hono/zod-openapi";
import { StaffViewSchema } from "@wuye/core";
import { listStaff } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { staffView } from "./view.ts";

export const listStaffRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/staff",
    tags: ["console"],
    summary: "The branch's staff, active and not (branch manager)",
    security: [{ bearer: [] }],
    responses: {
      200: { description: "Staff", content: { "application/json": { schema: z.object({ items: z.array(StaffViewSchema) }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "staff.manage");
    const rows = await listStaff(c.var.services.control, { orgId: c.var.actor.orgId, branchId: c.var.tenant.branch.id });
    return c.json({ items: rows.map(staffView) }, 200);
  },
);

import { createRoute, z } from "@hono/zod-openapi";
import { StaffViewSchema } from "@wuye/core";
import { listOrgUsers } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { staffView } from "../staff/view.ts";

export const listOrgUsersRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/users",
    tags: ["admin"],
    summary: "Head-office and region users, and every branch's managers (organization administrator)",
    security: [{ bearer: [] }],
    responses: {
      200: { description: "Users", content: { "application/json": { schema: z.object({ items: z.array(StaffViewSchema) }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "org.manageUsers");
    const rows = await listOrgUsers(c.var.services.control, c.var.actor.orgId);
    return c.json({ items: rows.map(staffView) }, 200);
  },
);

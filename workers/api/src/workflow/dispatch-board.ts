import { createRoute, z } from "@hono/zod-openapi";
import { SkillSchema } from "@wuye/core";
import { openWorkOrders, technicianLoads } from "@wuye/db";
import { branchSettings } from "../branch-settings.ts";
import { iso } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";

export const dispatchBoardRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/dispatch-board",
    tags: ["workflow"],
    summary: "Technicians × open work orders, and the orders waiting for dispatch",
    security: [{ bearer: [] }],
    responses: {
      200: {
        description: "Board",
        content: {
          "application/json": {
            schema: z.object({ technicians: z.array(z.unknown()), unassigned: z.array(z.unknown()), skills: z.array(SkillSchema) }),
          },
        },
      },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "workOrder.dispatch");
    const { db, branch } = c.var.tenant;
    const [techs, orders, { settings }] = await Promise.all([
      technicianLoads(c.var.services.control, db, branch.id),
      openWorkOrders(db),
      branchSettings(c.var.services, branch.id),
    ]);
    const view = (o: (typeof orders)[number]) => ({ ...o, createdAt: iso(o.createdAt) });
    return c.json(
      {
        technicians: techs.map((t) => ({ ...t, orders: orders.filter((o) => o.assigneeId === t.id).map(view) })),
        unassigned: orders.filter((o) => !o.assigneeId).map(view),
        skills: settings.skills,
      },
      200,
    );
  },
);

import { createRoute, z } from "@hono/zod-openapi";
import { overdueList } from "@wuye/db";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { itemsOf, OverdueItem } from "./schemas.ts";
import { branchesInScope, jsonOrCsv, scopeOf, table, zoneBySlug } from "./scope.ts";
import { iso } from "../http/common.ts";

const OverdueQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  format: z.enum(["json", "csv"]).default("json"),
});

export const overdueRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/overdue",
    tags: ["hq"],
    summary: "Milestones overdue now, oldest first, with their age",
    security: [{ bearer: [] }],
    request: { query: OverdueQuery },
    responses: { 200: { description: "Overdue", content: jsonOrCsv(itemsOf(OverdueItem)) }, ...errorResponses },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const branches = new Map((await branchesInScope(c.var.services, c.var.actor)).map((b) => [b.id, b]));
    const rows = await overdueList(c.var.services.supervision, scopeOf(c.var.actor), c.var.services.now(), q.limit);
    const items = rows.map(({ branchId, dueAt, ...r }) => ({
      branch: branches.get(branchId)?.slug ?? branchId,
      name: branches.get(branchId)?.name ?? branchId,
      ...r,
      dueAt: iso(dueAt),
    }));
    return table(
      c,
      q.format,
      "overdue",
      items,
      { items },
      {
        columns: ["branch", "name", "milestoneId", "requestId", "milestone", "kind", "dueAt", "ageMinutes"],
        instants: ["dueAt"],
        zone: zoneBySlug([...branches.values()]),
      },
    );
  },
);

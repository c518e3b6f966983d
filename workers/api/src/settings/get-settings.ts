import { createRoute } from "@hono/zod-openapi";
import { branchSettings } from "../branch-settings.ts";
import { etagOf } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { ListsView, settingsView } from "./settings-views.ts";

export const getSettingsRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/settings",
    tags: ["console"],
    summary: "The branch's settings: categories (urgent flags), price list, limits, night shift, notification channels",
    security: [{ bearer: [] }],
    responses: {
      200: { description: "Lists (ETag: settings version)", content: { "application/json": { schema: ListsView } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "settings.read");
    const { version, settings } = await branchSettings(c.var.services, c.var.tenant.branch.id);
    c.header("etag", etagOf(version));
    return c.json(settingsView(version, settings), 200);
  },
);

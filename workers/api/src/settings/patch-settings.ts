import { createRoute } from "@hono/zod-openapi";
import { BranchSettingsPatchSchema, readBranchSettings } from "@wuye/core";
import { etagOf, expectedVersion, IfMatchRequiredHeader } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { saveSettings } from "./save-settings.ts";
import { ListsView, settingsView } from "./settings-views.ts";

export const patchSettingsRoute = createRouter().openapi(
  createRoute({
    method: "patch",
    path: "/settings",
    tags: ["console"],
    summary: "Replace parts of the settings (validated, versioned; If-Match required)",
    security: [{ bearer: [] }],
    request: {
      headers: IfMatchRequiredHeader,
      body: { content: { "application/json": { schema: BranchSettingsPatchSchema } }, required: true },
    },
    responses: {
      200: { description: "Saved", content: { "application/json": { schema: ListsView } } },
      ...errorResponses,
      412: { description: "Someone changed the settings since you read them", content: problemContent },
    },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const { version, settings } = await saveSettings(
      c.var.services,
      c.var.actor,
      c.var.tenant.branch.id,
      expectedVersion(c.req.valid("header")["if-match"])!,
      () => input,
    );
    // The answer is what this save wrote: a re-read could carry a later version than its ETag.
    c.header("etag", etagOf(version));
    return c.json(settingsView(version, readBranchSettings(settings)), 200);
  },
);

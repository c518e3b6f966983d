import { createRoute, z } from "@hono/zod-openapi";
import { checkReply } from "@wuye/core";
import { branchSettings } from "../branch-settings.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { ReplyText } from "./reply-text.ts";

const Hit = z.object({ phrase: z.string(), index: z.number(), length: z.number(), excerpt: z.string(), suggestions: z.array(z.string()) });

export const checkReplyRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/reply-check",
    tags: ["console"],
    summary: "Check a draft reply against the branch's language list (live hints while typing)",
    security: [{ bearer: [] }],
    request: { body: { content: { "application/json": { schema: z.strictObject({ text: ReplyText }) } }, required: true } },
    responses: {
      200: { description: "Verdict", content: { "application/json": { schema: z.object({ ok: z.boolean(), hits: z.array(Hit) }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "request.reply");
    const { settings } = await branchSettings(c.var.services, c.var.tenant.branch.id);
    return c.json(checkReply(c.req.valid("json").text, settings.replyGuard), 200);
  },
);

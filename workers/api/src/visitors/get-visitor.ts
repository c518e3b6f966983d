import { createRoute } from "@hono/zod-openapi";
import { NotFound } from "@wuye/core";
import { findVisitor } from "@wuye/db";
import { etagOf, IdParam, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { VisitorView, visitorView } from "./visitor-view.ts";

export const getVisitorRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/visitors/{id}",
    tags: ["console"],
    summary: "One visitor slip",
    security: [{ bearer: [] }],
    request: { params: IdParam },
    responses: { 200: ok("The slip", VisitorView), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c.var.actor, "visitor.register");
    const v = await findVisitor(c.var.tenant.db, c.req.valid("param").id);
    if (!v) throw new NotFound("visitor");
    c.header("etag", etagOf(v.version));
    return c.json(visitorView(v), 200);
  },
);

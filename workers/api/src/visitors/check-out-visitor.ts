import { createRoute, z } from "@hono/zod-openapi";
import { Conflict, NotFound } from "@wuye/core";
import { checkOutVisitor, findVisitor } from "@wuye/db";
import { clockOf, IdParam, jsonBody, ok } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { VisitorView, visitorView } from "./visitor-view.ts";

export const checkOutVisitorRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/visitors/{id}/out",
    tags: ["console"],
    summary: "Record the visitor's time out (once)",
    security: [{ bearer: [] }],
    request: { params: IdParam, body: jsonBody(z.strictObject({})) },
    responses: { 200: ok("The slip", VisitorView), ...errorResponses, 409: { description: "Already out", content: problemContent } },
  }),
  async (c) => {
    requirePermission(c.var.actor, "visitor.register");
    const { db } = c.var.tenant;
    const v = await findVisitor(db, c.req.valid("param").id);
    if (!v) throw new NotFound("visitor");
    const out = await checkOutVisitor(db, v.id, Math.max(clockOf(c), v.inAt));
    if (!out) throw new Conflict("the visitor is already out");
    return c.json(visitorView(out), 200);
  },
);

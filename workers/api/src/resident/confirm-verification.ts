import { createRoute, z } from "@hono/zod-openapi";
import {
  BadInput,
  newId,
  NotFound,
  OneTimeCodeSchema,
  oneTimeCodeMatches,
  oneTimeCodeUsable,
  PhoneSchema,
  Unauthenticated,
} from "@wuye/core";
import { consumeCode, countCodeAttempt, latestOpenCode } from "@wuye/db";
import { RESIDENT_TOKEN_SECONDS, signResidentToken } from "../auth/token.ts";
import { jsonBody } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { BranchParam } from "../public/schemas.ts";

const ConfirmBody = z.strictObject({ phone: PhoneSchema, code: OneTimeCodeSchema });

export const confirmVerificationRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/branches/{branch}/verify/confirm",
    tags: ["public"],
    summary: "Exchange the one-time code for a resident token (24 h)",
    request: { params: BranchParam, body: jsonBody(ConfirmBody) },
    responses: {
      200: {
        description: "Verified",
        content: { "application/json": { schema: z.object({ token: z.string(), expiresIn: z.number() }) } },
      },
      400: errorResponses[400],
      401: errorResponses[401],
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const s = c.var.services;
    const branch = await s.branch({ slug: c.req.valid("param").branch });
    if (!branch) throw new NotFound("branch");
    const { phone, code } = c.req.valid("json");
    const db = s.branchDb(branch);
    const now = s.now();
    const open = await latestOpenCode(db, phone, now);
    if (!open || !oneTimeCodeUsable(open, now)) throw new Unauthenticated("no valid code; ask for a new one");
    await countCodeAttempt(db, open.id);
    if (!(await oneTimeCodeMatches(open, code))) throw new BadInput("wrong code", [{ path: "code", message: "the code does not match" }]);
    const residentId = await consumeCode(db, open.id, { id: newId("res", now), phone, now });
    if (!residentId) throw new Unauthenticated("code already used");
    const token = await signResidentToken({ residentId, branchId: branch.id }, s.vars.JWT_SECRET, s.vars.JWT_ISSUER, now);
    return c.json({ token, expiresIn: RESIDENT_TOKEN_SECONDS }, 200);
  },
);

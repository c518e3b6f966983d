import { createRoute, z } from "@hono/zod-openapi";
import { newId, NotFound, PhoneSchema, RateLimited, secondsToNextHour, sha256Hex, smsRequestCounters } from "@wuye/core";
import { codesSince, insertOneTimeCode, refusedByLimits } from "@wuye/db";
import { clientIp } from "../http/request.ts";
import { jsonBody } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { publishAfter } from "../outbox.ts";
import { BranchParam } from "../public/schemas.ts";
import { CODE_TTL_MS, sixDigits } from "./one-time-code.ts";

const MAX_CODES_PER_DAY = 5;
const RESEND_AFTER_MS = 60_000;

export const startVerificationRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/branches/{branch}/verify/start",
    tags: ["public"],
    summary: "Send a one-time code to a resident's phone (through the notifications path)",
    request: { params: BranchParam, body: jsonBody(z.strictObject({ phone: PhoneSchema })) },
    responses: {
      202: { description: "Code sent" },
      400: errorResponses[400],
      404: errorResponses[404],
      429: { description: "Too many codes", content: problemContent },
    },
  }),
  async (c) => {
    const s = c.var.services;
    const branch = await s.branch({ slug: c.req.valid("param").branch });
    if (!branch) throw new NotFound("branch");
    const { phone } = c.req.valid("json");
    const db = s.branchDb(branch);
    const now = s.now();
    const recent = await codesSince(db, phone, now - 86_400_000);
    if (recent.length >= MAX_CODES_PER_DAY) throw new RateLimited(3600, "too many codes today");
    if (recent[0] && now - recent[0].createdAt < RESEND_AFTER_MS)
      throw new RateLimited(Math.ceil((RESEND_AFTER_MS - (now - recent[0].createdAt)) / 1000), "wait before asking for another code");
    const code = sixDigits();
    const id = newId("otp", now);
    const notificationId = newId("ntf", now);
    const message = {
      id: newId("obx", now),
      topic: "notifications",
      payload: {
        notificationId,
        type: "resident.otp",
        branchId: branch.id,
        orgId: branch.orgId,
        to: phone,
        params: { code },
        recipients: [],
      },
      createdAt: now,
    };
    try {
      await insertOneTimeCode(
        db,
        { id, contact: phone, codeHash: await sha256Hex(`${id}:${code}`), purpose: "verify", expiresAt: now + CODE_TTL_MS, createdAt: now },
        message,
        smsRequestCounters(clientIp(c), now),
      );
    } catch (err) {
      // Past the hourly limit of this client or of the whole branch: texts cost money, and strangers can ask.
      if (refusedByLimits(err)) throw new RateLimited(secondsToNextHour(now), "too many codes asked for this hour");
      throw err;
    }
    publishAfter(c, db, [message]);
    return c.body(null, 202);
  },
);

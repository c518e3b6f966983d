import { createRoute, z } from "@hono/zod-openapi";
import {
  codeDayStart,
  codeRequestRefusal,
  newId,
  newOneTimeCode,
  NotFound,
  ONE_TIME_CODE_TTL_MS,
  oneTimeCodeHash,
  oneTimeCodeRow,
  PhoneSchema,
  RateLimited,
  secondsToNextHour,
  smsCounters,
} from "@wuye/core";
import { codesSince, insertOneTimeCode, refusedByLimits } from "@wuye/db";
import { clientIp } from "../http/request.ts";
import { jsonBody } from "../http/common.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { publishAfter } from "../outbox.ts";
import { BranchParam } from "../public/schemas.ts";

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
    const refusal = codeRequestRefusal(await codesSince(db, phone, codeDayStart(now)), now);
    if (refusal)
      throw new RateLimited(
        refusal.retryAfterSeconds,
        refusal.reason === "daily-limit" ? "too many codes today" : "wait before asking for another code",
      );
    const code = newOneTimeCode();
    const id = newId("otp", now);
    const message = oneTimeCodeRow(branch, { codeId: id, to: phone, code }, now);
    try {
      await insertOneTimeCode(
        db,
        {
          id,
          contact: phone,
          codeHash: await oneTimeCodeHash(id, code),
          purpose: "verify",
          expiresAt: now + ONE_TIME_CODE_TTL_MS,
          createdAt: now,
        },
        message,
        smsCounters({ phone, clientIp: clientIp(c) }, now),
      );
    } catch (err) {
      // Past the hourly limit of this client, this phone or the whole branch: texts cost money, and strangers can ask.
      if (refusedByLimits(err)) throw new RateLimited(secondsToNextHour(now), "too many codes asked for this hour");
      throw err;
    }
    publishAfter(c, db, [message]);
    return c.body(null, 202);
  },
);

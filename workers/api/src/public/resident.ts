import { createRoute, z } from "@hono/zod-openapi";
import {
  BadInput,
  MILESTONE_NAMES,
  newId,
  NotFound,
  PhoneSchema,
  RateLimited,
  sha256Hex,
  timingSafeEqual,
  Unauthenticated,
} from "@wuye/core";
import {
  codesSince,
  consumeCode,
  countCodeAttempt,
  findResident,
  insertOneTimeCode,
  latestOpenCode,
  milestonesOf,
  requestsOfResident,
  setResidentChannels,
} from "@wuye/db";
import type { Context } from "hono";
import type { HonoEnv } from "../hono-env.ts";
import { InboxView, inboxResponse } from "../http/inbox-view.ts";
import { signResidentToken, verifyResidentToken, RESIDENT_TOKEN_SECONDS } from "../auth/token.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { publishAfter } from "../outbox.ts";
import { BranchParam } from "./schemas.ts";

const CODE_TTL_MS = 10 * 60_000;
const MAX_CODES_PER_DAY = 5;
const RESEND_AFTER_MS = 60_000;
const MAX_ATTEMPTS = 5;

const StartBody = z.strictObject({ phone: PhoneSchema });
const ConfirmBody = z.strictObject({ phone: PhoneSchema, code: z.string().regex(/^\d{6}$/, "six digits") });
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } }, required: true });

function sixDigits(): string {
  const n = crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000;
  return String(n).padStart(6, "0");
}

/** The verified resident behind a resident token, in the branch of the URL only. */
export async function residentOf(c: Context<HonoEnv>) {
  const s = c.var.services;
  const branch = await s.branch({ slug: c.req.param("branch") ?? "" });
  if (!branch) throw new NotFound("branch");
  const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  if (!token) throw new Unauthenticated();
  const claims = await verifyResidentToken(token, s.vars.JWT_SECRET, s.vars.JWT_ISSUER);
  if (claims.branchId !== branch.id) throw new NotFound("resident");
  const db = s.branchDb(branch);
  const resident = await findResident(db, claims.residentId);
  if (!resident?.verifiedAt) throw new Unauthenticated("resident not verified");
  return { branch, db, resident };
}

const MyRequest = z.object({
  trackingCode: z.string(),
  kind: z.string(),
  status: z.string(),
  createdAt: z.string(),
  milestones: z.array(z.object({ name: z.enum(MILESTONE_NAMES), dueAt: z.string().nullable(), status: z.string() })),
});

export const residentRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/branches/{branch}/verify/start",
      tags: ["public"],
      summary: "Send a one-time code to a resident's phone (through the notifications path)",
      request: { params: BranchParam, body: json(StartBody) },
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
      await insertOneTimeCode(
        db,
        { id, contact: phone, codeHash: await sha256Hex(`${id}:${code}`), purpose: "verify", expiresAt: now + CODE_TTL_MS, createdAt: now },
        message,
      );
      publishAfter(c, db, [message]);
      return c.body(null, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/branches/{branch}/verify/confirm",
      tags: ["public"],
      summary: "Exchange the one-time code for a resident token (24 h)",
      request: { params: BranchParam, body: json(ConfirmBody) },
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
      if (!open || open.attempts >= MAX_ATTEMPTS) throw new Unauthenticated("no valid code; ask for a new one");
      await countCodeAttempt(db, open.id);
      const enc = new TextEncoder();
      if (!timingSafeEqual(enc.encode(await sha256Hex(`${open.id}:${code}`)), enc.encode(open.codeHash)))
        throw new BadInput("wrong code", [{ path: "code", message: "the code does not match" }]);
      const residentId = await consumeCode(db, open.id, { id: newId("res", now), phone, now });
      if (!residentId) throw new Unauthenticated("code already used");
      const token = await signResidentToken({ residentId, branchId: branch.id }, s.vars.JWT_SECRET, s.vars.JWT_ISSUER, now);
      return c.json({ token, expiresIn: RESIDENT_TOKEN_SECONDS }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/branches/{branch}/my/requests",
      tags: ["public"],
      summary: "A verified resident's requests in this branch",
      security: [{ bearer: [] }],
      request: { params: BranchParam },
      responses: {
        200: { description: "Requests", content: { "application/json": { schema: z.object({ items: z.array(MyRequest) }) } } },
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const { db, resident } = await residentOf(c);
      const rows = await requestsOfResident(db, resident);
      const ms = await milestonesOf(
        db,
        rows.map((r) => r.id),
      );
      const iso = (n: number | null) => (n === null ? null : new Date(n).toISOString());
      return c.json(
        {
          items: rows.map((r) => ({
            trackingCode: r.trackingCode,
            kind: r.kind,
            status: r.status,
            createdAt: iso(r.createdAt)!,
            milestones: ms
              .filter((m) => m.requestId === r.id)
              .map((m) => ({ name: m.name as (typeof MILESTONE_NAMES)[number], dueAt: iso(m.dueAt), status: m.status })),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/branches/{branch}/my/inbox",
      tags: ["public"],
      summary: "A verified resident's inbox; poll with If-None-Match",
      security: [{ bearer: [] }],
      request: { params: BranchParam },
      responses: {
        200: { description: "Inbox", content: { "application/json": { schema: InboxView } } },
        304: { description: "Unchanged" },
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const { db, resident } = await residentOf(c);
      return inboxResponse(c, db, { type: "resident", id: resident.id }) as never;
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/branches/{branch}/my/preferences",
      tags: ["public"],
      summary: "Channels a resident wants notices on (the portal inbox always gets them)",
      security: [{ bearer: [] }],
      request: { params: BranchParam, body: json(z.strictObject({ channels: z.array(z.enum(["inbox", "sms", "email"])).max(3) })) },
      responses: { 204: { description: "Saved" }, 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const { db, resident } = await residentOf(c);
      const channels = [...new Set(["inbox", ...c.req.valid("json").channels])];
      await setResidentChannels(db, resident.id, channels, c.var.services.now());
      return c.body(null, 204);
    },
  );

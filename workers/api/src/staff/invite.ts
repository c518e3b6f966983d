import { createRoute } from "@hono/zod-openapi";
import { Conflict, hashPassword, randomToken } from "@wuye/core";
import { type StaffRow, updateStaffVersioned } from "@wuye/db";
import type { Context } from "hono";
import { endAllSessions } from "../auth/issue.ts";
import { type LinkPurpose, sendPasswordLink } from "../auth/links.ts";
import type { HonoEnv } from "../hono-env.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { IdParam } from "../http/common.ts";
import { requirePermission } from "../middleware/auth.ts";
import { memberOfBranch, originOf, SentLinkSchema } from "./view.ts";

export function linkRoute<B extends string, P extends "invite" | "reset-password">(base: B, path: P, summary: string, tag = "console") {
  return createRoute({
    method: "post",
    path: `${base}/{id}/${path}` as `${B}/{id}/${P}`,
    tags: [tag],
    summary,
    security: [{ bearer: [] }],
    request: { params: IdParam },
    responses: {
      201: { description: "Link sent", content: { "application/json": { schema: SentLinkSchema } } },
      ...errorResponses,
      409: { description: "Deactivated", content: problemContent },
    },
  });
}

export async function sendLink(c: Context<HonoEnv>, row: StaffRow, purpose: LinkPurpose) {
  const s = c.var.services;
  if (!row.active) throw new Conflict("the member is deactivated; reactivate first");
  if (purpose === "reset") {
    // The old password stops working now, and so does every session; the link sets a new one.
    await updateStaffVersioned(s.control, row.id, row.version, {
      passwordHash: await hashPassword(randomToken(24)),
      mustChangePassword: true,
      updatedAt: s.now(),
    });
    await endAllSessions(s, row.id);
  }
  return sendPasswordLink(s, row, purpose, originOf(c.req.url), (p) => c.executionCtx.waitUntil(p));
}

async function member(c: Context<HonoEnv>, id: string) {
  requirePermission(c.var.actor, "staff.manage");
  return memberOfBranch(c.var.services, c.var.tenant.branch.id, id);
}

/** A new invite link (the first one expired or was lost). */
export const inviteStaffRoute = createRouter().openapi(
  linkRoute("/staff", "invite", "Send a new invite link (branch manager)"),
  async (c) => c.json(await sendLink(c, await member(c, c.req.valid("param").id), "invite"), 201),
);

/** The manager resets a password: the old one stops at once and a one-time link sets a new one. */
export const resetStaffPasswordRoute = createRouter().openapi(
  linkRoute("/staff", "reset-password", "Reset a member's password: a one-time link sets a new one (branch manager)"),
  async (c) => c.json(await sendLink(c, await member(c, c.req.valid("param").id), "reset"), 201),
);

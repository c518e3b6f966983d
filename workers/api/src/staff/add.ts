import { createRoute } from "@hono/zod-openapi";
import { hashPassword, newId, StaffCreateInputSchema } from "@wuye/core";
import { findStaffById, insertStaff } from "@wuye/db";
import { sendPasswordLink } from "../auth/links.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { checkCommunities, originOf, refuseTakenLoginNames, StaffWithLinkSchema, staffView } from "./view.ts";

/** A new member of the branch's staff, invited at once: the one-time link sets their password. */
export const addStaffRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/staff",
    tags: ["console"],
    summary: "Add a staff member and send the invite link (branch manager)",
    security: [{ bearer: [] }],
    request: { body: { content: { "application/json": { schema: StaffCreateInputSchema } }, required: true } },
    responses: {
      201: { description: "Added and invited", content: { "application/json": { schema: StaffWithLinkSchema } } },
      ...errorResponses,
      409: { description: "The phone or email is another member's login name", content: problemContent },
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "staff.manage");
    const s = c.var.services;
    const input = c.req.valid("json");
    const branch = c.var.tenant.branch;
    await refuseTakenLoginNames(s, input);
    await checkCommunities(s, branch.id, input.communities);
    const now = s.now();
    const id = newId("stf", now);
    await insertStaff(s.control, {
      id,
      orgId: branch.orgId,
      branchId: branch.id,
      name: input.name,
      role: input.role,
      phone: input.phone ?? null,
      email: input.email ?? null,
      skills: input.skills ?? [],
      communities: input.communities ?? [],
      locale: input.locale ?? "zh-CN",
      passwordHash: input.initialPassword ? await hashPassword(input.initialPassword) : null,
      mustChangePassword: !!input.initialPassword,
      createdAt: now,
      updatedAt: now,
    });
    const row = (await findStaffById(s.control, id))!;
    const invite = await sendPasswordLink(s, row, "invite", originOf(c.req.url), (p) => c.executionCtx.waitUntil(p));
    return c.json({ ...staffView(row), invite }, 201);
  },
);

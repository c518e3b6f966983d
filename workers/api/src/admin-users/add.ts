import { createRoute } from "@hono/zod-openapi";
import { BadInput, newId, OrgUserCreateInputSchema } from "@wuye/core";
import { findStaffById, insertStaff, regionOfOrg } from "@wuye/db";
import { sendPasswordLink } from "../auth/links.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { requirePermission } from "../middleware/auth.ts";
import { originOf, refuseTakenLoginNames, StaffWithLinkSchema, staffView } from "../staff/view.ts";

/** A head-office or region user, another administrator, or a branch's first manager, invited at once. */
export const addOrgUserRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/users",
    tags: ["admin"],
    summary: "Add a head-office, region or branch-manager user and send the invite link (organization administrator)",
    security: [{ bearer: [] }],
    request: { body: { content: { "application/json": { schema: OrgUserCreateInputSchema } }, required: true } },
    responses: {
      201: { description: "Added and invited", content: { "application/json": { schema: StaffWithLinkSchema } } },
      ...errorResponses,
      409: { description: "The phone or email is another member's login name", content: problemContent },
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "org.manageUsers");
    const s = c.var.services;
    const input = c.req.valid("json");
    const orgId = c.var.actor.orgId;
    if (input.branchId) {
      const branch = await s.branch({ id: input.branchId });
      if (!branch || branch.orgId !== orgId) throw new BadInput("unknown branch", [{ path: "branchId", message: "no such branch" }]);
    }
    if (input.role === "regionSupervisor" && !(await regionOfOrg(s.control, orgId, input.regionId!))) {
      throw new BadInput("unknown region", [{ path: "regionId", message: "no such region" }]);
    }
    await refuseTakenLoginNames(s, input);
    const now = s.now();
    const id = newId("stf", now);
    await insertStaff(s.control, {
      id,
      orgId,
      branchId: input.role === "branchManager" ? input.branchId! : null,
      regionId: input.role === "regionSupervisor" ? input.regionId! : null,
      name: input.name,
      role: input.role,
      phone: input.phone ?? null,
      email: input.email ?? null,
      skills: [],
      communities: [],
      locale: input.locale ?? "zh-CN",
      passwordHash: null,
      createdAt: now,
      updatedAt: now,
    });
    const row = (await findStaffById(s.control, id))!;
    const invite = await sendPasswordLink(s, row, "invite", originOf(c.req.url), (p) => c.executionCtx.waitUntil(p));
    return c.json({ ...staffView(row), invite }, 201);
  },
);

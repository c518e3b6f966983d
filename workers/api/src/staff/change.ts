import { createRoute } from "@hono/zod-openapi";
import { BadInput, Conflict, StaffPatchInputSchema, StaleVersion, StaffViewSchema } from "@wuye/core";
import { findStaffById, updateStaffVersioned } from "@wuye/db";
import { endAllSessions } from "../auth/issue.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { etagOf, expectedVersion, IdParam, IfMatchRequiredHeader } from "../http/common.ts";
import { requirePermission } from "../middleware/auth.ts";
import { checkCommunities, memberOfBranch, refuseTakenLoginNames, staffView } from "./view.ts";

/** Name, role, login names, skills, communities; a new role ends the member's sessions (the token names the role). */
export const changeStaffRoute = createRouter().openapi(
  createRoute({
    method: "patch",
    path: "/staff/{id}",
    tags: ["console"],
    summary: "Change a staff member (branch manager; If-Match: version)",
    security: [{ bearer: [] }],
    request: {
      params: IdParam,
      headers: IfMatchRequiredHeader,
      body: { content: { "application/json": { schema: StaffPatchInputSchema } }, required: true },
    },
    responses: {
      200: { description: "Changed", content: { "application/json": { schema: StaffViewSchema } } },
      ...errorResponses,
      409: { description: "A login name is another member's, or yourself", content: problemContent },
      412: { description: "Changed by someone else since you read it", content: problemContent },
    },
  }),
  async (c) => {
    requirePermission(c.var.actor, "staff.manage");
    const s = c.var.services;
    const input = c.req.valid("json");
    const expected = expectedVersion(c.req.header("if-match"))!;
    const row = await memberOfBranch(s, c.var.tenant.branch.id, c.req.valid("param").id);
    if (row.id === c.var.actor.staffId && input.role && input.role !== row.role) throw new Conflict("you cannot change your own role");
    const phone = input.phone === undefined ? row.phone : input.phone;
    const email = input.email === undefined ? row.email : input.email;
    if (!phone && !email)
      throw new BadInput("a login name is needed", [{ path: "phone", message: "a phone or an email is needed to log in" }]);
    await refuseTakenLoginNames(s, { phone: input.phone, email: input.email }, row.id);
    await checkCommunities(s, c.var.tenant.branch.id, input.communities);
    if (row.version !== expected) throw new StaleVersion(expected, row.version);
    const ok = await updateStaffVersioned(s.control, row.id, expected, { ...input, updatedAt: s.now() });
    if (!ok) throw new StaleVersion(expected, (await findStaffById(s.control, row.id))?.version ?? expected);
    if (input.role && input.role !== row.role) await endAllSessions(s, row.id);
    const fresh = (await findStaffById(s.control, row.id))!;
    c.header("etag", etagOf(fresh.version));
    return c.json(staffView(fresh), 200);
  },
);

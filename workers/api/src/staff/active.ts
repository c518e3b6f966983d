import { createRoute } from "@hono/zod-openapi";
import { Conflict, StaffViewSchema, StaleVersion } from "@wuye/core";
import { findStaffById, type StaffRow } from "@wuye/db";
import type { Context } from "hono";
import { endAllSessions } from "../auth/issue.ts";
import type { HonoEnv } from "../hono-env.ts";
import { createRouter, errorResponses, problemContent } from "../http/openapi.ts";
import { etagOf, expectedVersion, IdParam } from "../http/common.ts";
import { requirePermission } from "../middleware/auth.ts";
import { memberOfBranch, staffView } from "./view.ts";

export function activeRoute<P extends string>(action: "deactivate" | "reactivate", base: P, tag = "console") {
  return createRoute({
    method: "post",
    path: `${base}/{id}/${action}` as `${P}/{id}/${typeof action}`,
    tags: [tag],
    summary:
      action === "deactivate"
        ? "Deactivate a staff member: every session and token stops at once (branch manager; If-Match optional)"
        : "Reactivate a staff member (branch manager; If-Match optional)",
    security: [{ bearer: [] }],
    request: { params: IdParam },
    responses: {
      200: { description: "Done", content: { "application/json": { schema: StaffViewSchema } } },
      ...errorResponses,
      409: { description: "Yourself", content: problemContent },
      412: { description: "Changed by someone else since you read it", content: problemContent },
    },
  });
}

/** Either way the member's sessions end: a deactivated member's next request answers 401. */
export async function setActive(c: Context<HonoEnv>, row: StaffRow, active: boolean) {
  const s = c.var.services;
  if (row.id === c.var.actor.staffId) throw new Conflict("you cannot deactivate yourself");
  const expected = expectedVersion(c.req.header("if-match"));
  if (expected !== null && expected !== row.version) throw new StaleVersion(expected, row.version);
  await endAllSessions(s, row.id, { active, version: true });
  const fresh = (await findStaffById(s.control, row.id))!;
  c.header("etag", etagOf(fresh.version));
  return staffView(fresh);
}

/** The member named in the path, of the manager's own branch. */
async function member(c: Context<HonoEnv>, id: string) {
  requirePermission(c.var.actor, "staff.manage");
  return memberOfBranch(c.var.services, c.var.tenant.branch.id, id);
}

export const deactivateStaffRoute = createRouter().openapi(activeRoute("deactivate", "/staff"), async (c) =>
  c.json(await setActive(c, await member(c, c.req.valid("param").id), false), 200),
);
export const reactivateStaffRoute = createRouter().openapi(activeRoute("reactivate", "/staff"), async (c) =>
  c.json(await setActive(c, await member(c, c.req.valid("param").id), true), 200),
);

import { z } from "@hono/zod-openapi";
import { expectedVersion } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";
import { changeMilestone } from "./change-milestone.ts";
import { milestoneRoute } from "./milestone-route.ts";

export const resumeMilestoneRoute = createRouter().openapi(
  milestoneRoute("resume", "Resume a paused clock; the due time moves by the paused working time", z.strictObject({})),
  async (c) => {
    const { id, milestoneId } = c.req.valid("param");
    const expected = expectedVersion(c.req.valid("header")["if-match"]);
    return changeMilestone(c, { id, milestoneId, action: "resume", body: {}, expected });
  },
);

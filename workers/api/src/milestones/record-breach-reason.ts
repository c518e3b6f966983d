import { z } from "@hono/zod-openapi";
import { expectedVersion } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";
import { changeMilestone } from "./change-milestone.ts";
import { milestoneRoute } from "./milestone-route.ts";

const BreachReasonBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

export const recordBreachReasonRoute = createRouter().openapi(
  milestoneRoute("breach-reason", "Record the reason for a breach", BreachReasonBody),
  async (c) => {
    const { id, milestoneId } = c.req.valid("param");
    const expected = expectedVersion(c.req.valid("header")["if-match"]);
    return changeMilestone(c, { id, milestoneId, action: "breach-reason", body: c.req.valid("json"), expected });
  },
);

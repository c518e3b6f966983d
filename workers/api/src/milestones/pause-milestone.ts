import { z } from "@hono/zod-openapi";
import { PauseReasonSchema } from "@wuye/core";
import { expectedVersion } from "../http/common.ts";
import { createRouter } from "../http/openapi.ts";
import { changeMilestone } from "./change-milestone.ts";
import { milestoneRoute } from "./milestone-route.ts";

const PauseBody = z.strictObject({ reason: PauseReasonSchema, note: z.string().max(500).optional() });

export const pauseMilestoneRoute = createRouter().openapi(
  milestoneRoute("pause", "Pause the clock while the request waits on the resident (reason on record)", PauseBody),
  async (c) => {
    const { id, milestoneId } = c.req.valid("param");
    const expected = expectedVersion(c.req.valid("header")["if-match"]);
    return changeMilestone(c, { id, milestoneId, action: "pause", body: c.req.valid("json"), expected });
  },
);

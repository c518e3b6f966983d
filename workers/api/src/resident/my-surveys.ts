import { createRoute, z } from "@hono/zod-openapi";
import { surveysOfResident } from "@wuye/db";
import { ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { BranchParam } from "../public/schemas.ts";
import { verifiedResident } from "./verified-resident.ts";

const MySurvey = z.object({
  id: z.string(),
  title: z.string(),
  scale: z.number(),
  questions: z.array(z.object({ id: z.string(), text: z.string(), type: z.enum(["scale", "text"]) })),
  answered: z.boolean(),
});

export const mySurveysRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/branches/{branch}/my/surveys",
    tags: ["public"],
    summary: "Open surveys sent to this resident",
    security: [{ bearer: [] }],
    request: { params: BranchParam },
    responses: { 200: ok("Surveys", z.object({ items: z.array(MySurvey) })), 401: errorResponses[401], 404: errorResponses[404] },
  }),
  async (c) => {
    const { db, resident } = await verifiedResident(c.var.services, c.req.valid("param").branch, c.req.header("authorization"));
    const rows = await surveysOfResident(db, resident.id);
    return c.json(
      { items: rows.map((r) => ({ id: r.id, title: r.title, scale: r.scale, questions: r.questions, answered: r.answered })) },
      200,
    );
  },
);

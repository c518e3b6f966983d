import { createRoute, z } from "@hono/zod-openapi";
import { listInbox, requestsOfResident, surveyAnswersOfResident, writeAudit } from "@wuye/db";
import { auditEntry, iso, ok } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { BranchParam } from "../public/schemas.ts";
import { verifiedResident } from "./verified-resident.ts";

export const exportMyDataRoute = createRouter().openapi(
  createRoute({
    method: "post",
    path: "/branches/{branch}/my/export",
    tags: ["public"],
    summary: "A verified resident's own data, exported (the export is on record in the audit log)",
    security: [{ bearer: [] }],
    request: { params: BranchParam },
    responses: {
      200: ok(
        "The resident's data",
        z.object({
          generatedAt: z.string(),
          resident: z.record(z.string(), z.unknown()),
          requests: z.array(z.record(z.string(), z.unknown())),
          inbox: z.array(z.record(z.string(), z.unknown())),
          surveyAnswers: z.array(z.record(z.string(), z.unknown())),
        }),
      ),
      401: errorResponses[401],
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const { branch, db, resident } = await verifiedResident(c.var.services, c.req.valid("param").branch, c.req.header("authorization"));
    const now = c.var.services.now();
    const [requests, inbox, answers] = await Promise.all([
      requestsOfResident(db, resident, 1000),
      listInbox(db, { type: "resident", id: resident.id }, 1000),
      surveyAnswersOfResident(db, resident.id),
    ]);
    const subject = { type: "resident", id: resident.id };
    await writeAudit(db, auditEntry({ residentId: resident.id }, "resident.export", subject, now, { requests: requests.length }));
    c.header("content-disposition", `attachment; filename="${branch.slug}-my-data.json"`);
    return c.json(
      {
        generatedAt: iso(now),
        resident: {
          id: resident.id,
          name: resident.name,
          phone: resident.phone,
          email: resident.email,
          unitId: resident.unitId,
          locale: resident.locale,
          channels: resident.channels,
          verifiedAt: iso(resident.verifiedAt),
          createdAt: iso(resident.createdAt),
        },
        requests: requests.map((r) => ({
          trackingCode: r.trackingCode,
          kind: r.kind,
          category: r.category,
          status: r.status,
          description: r.description,
          contactName: r.contactName,
          contactPhone: r.contactPhone,
          unitId: r.unitId,
          area: r.area,
          createdAt: iso(r.createdAt),
          closedAt: iso(r.closedAt),
          satisfaction: r.satisfaction,
          ratingComment: r.ratingComment,
        })),
        inbox: inbox.items.map((i) => ({
          type: i.type,
          title: i.title,
          body: i.body,
          createdAt: iso(i.createdAt),
          readAt: iso(i.readAt),
        })),
        surveyAnswers: answers.map((a) => ({ surveyId: a.surveyId, answers: a.answers, createdAt: iso(a.createdAt) })),
      },
      200,
    );
  },
);

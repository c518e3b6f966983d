import { createRoute } from "@hono/zod-openapi";
import { describeCommitments, NotFound, noticeBodyWithPhones } from "@wuye/core";
import { branchPlaces, releaseDueNotices } from "@wuye/db";
import { branchSettings } from "../branch-settings.ts";
import { iso } from "../http/common.ts";
import { createRouter, errorResponses } from "../http/openapi.ts";
import { BranchParam, BranchProfileSchema } from "./schemas.ts";

export const branchProfileRoute = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/branches/{branch}",
    tags: ["public"],
    summary: "A branch's public profile: phones, commitments, price list, notices, categories",
    request: { params: BranchParam },
    responses: {
      200: { description: "Profile", content: { "application/json": { schema: BranchProfileSchema } } },
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const s = c.var.services;
    const branch = await s.branch({ slug: c.req.valid("param").branch });
    if (!branch) throw new NotFound("branch");
    const locale = c.var.locale;
    const [{ settings, policy }, communities, notices] = await Promise.all([
      branchSettings(s, branch.id),
      branchPlaces(s.control, branch.id),
      releaseDueNotices(s.control, branch, s.branchDb(branch), s.now()),
    ]);
    return c.json(
      {
        slug: branch.slug,
        status: branch.status,
        name: locale === "en" ? branch.nameEn : branch.name,
        nameEn: branch.nameEn,
        timeZone: branch.timeZone,
        servicePhone: branch.servicePhone,
        complaintPhone: branch.complaintPhone,
        commitments: describeCommitments(policy, locale),
        priceList: settings.priceList.map((p) => ({
          code: p.code,
          name: p.name[locale],
          unit: p.unit,
          labourFen: p.labourFen,
          materialFen: p.materialFen,
        })),
        // Approved (or emergency) notices in force now, each with the branch's phones appended.
        notices: notices.map((n) => ({
          id: n.id,
          title: n.title,
          body: noticeBodyWithPhones(n.body, branch, locale),
          category: n.category,
          publishedAt: iso(n.publishAt ?? n.createdAt),
        })),
        categories: settings.categories.map((x) => ({ code: x.code, name: x.name[locale], kind: x.kind, urgent: x.urgent })),
        communities,
      },
      200,
    );
  },
);

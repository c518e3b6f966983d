import { z } from "@hono/zod-openapi";

// What head office's routes answer, documented exactly: the web reads these types through the typed client.
// Shares are percentages with one decimal; null where nothing was decided (or nobody rated) in the period.

const Percent = z.number().nullable();

export const ComplianceRow = z
  .strictObject({
    milestone: z.string(),
    metOnTime: z.number().int(),
    metLate: z.number().int(),
    overdueOpen: z.number().int(),
    overdueClosed: z.number().int().openapi({ description: "closed without being met after its due (its request ended)" }),
    openInTime: z.number().int(),
    compliance: Percent,
  })
  .openapi("HqCompliance");

export const Overview = z
  .strictObject({
    branch: z.string().optional().openapi({ description: "drill-down only" }),
    name: z.string().optional(),
    period: z.strictObject({ from: z.string(), to: z.string() }),
    requests: z.number().int(),
    byKind: z.record(z.string(), z.number().int()),
    onTimeRate: Percent.openapi({
      description:
        "met on time / (met on time + met late + overdue, open or closed) over all milestones of the period, in percent with one decimal; null when none is decided",
    }),
    compliance: z.array(ComplianceRow),
    overdueNow: z.number().int(),
    units: z.number().int(),
    complaintRatePer1000Units: z.number().nullable(),
    satisfaction: z.number().nullable(),
    satisfactionScale: z.number().int().openapi({ description: "residents rate from 1 to this" }),
    repeatComplaints: z.number().int(),
    reopenRate: Percent,
  })
  .openapi("HqOverview");

export const BranchRank = z
  .strictObject({
    rank: z.number().int(),
    branch: z.string(),
    name: z.string(),
    requests: z.number().int(),
    compliance: Percent.openapi({ description: "the on-time rate, equal to this branch's drill-down `onTimeRate`" }),
    overdueNow: z.number().int(),
    complaintRatePer1000Units: z.number().nullable(),
    satisfaction: z.number().nullable(),
    satisfactionScale: z.number().int(),
  })
  .openapi("HqBranchRank");

export const SurveyRow = z
  .strictObject({
    branch: z.string(),
    name: z.string(),
    title: z.string(),
    scale: z.number().int(),
    sentAt: z.string().nullable(),
    closed: z.boolean(),
    recipients: z.number().int(),
    responses: z.number().int(),
    responseRate: Percent,
    mean: z.number().nullable(),
    percent: Percent.openapi({ description: "the mean as a share of the scale, so 1–5 and 1–10 surveys compare" }),
  })
  .openapi("HqSurvey");

export const TrendPoint = z.strictObject({ bucket: z.string(), requests: z.number().int(), compliance: Percent }).openapi("HqTrendPoint");

export const OverdueItem = z
  .strictObject({
    branch: z.string(),
    /** The branch's name, as head office lists it (the slug is for links). */
    name: z.string(),
    milestoneId: z.string(),
    requestId: z.string(),
    milestone: z.string(),
    kind: z.string(),
    dueAt: z.string(),
    ageMinutes: z.number().int(),
  })
  .openapi("HqOverdueItem");

export const itemsOf = <T extends z.ZodType>(row: T) => z.strictObject({ items: z.array(row) });

import { AttachmentViewSchema } from "../attachments/attachment-view.ts";
import { z } from "@hono/zod-openapi";
import { BranchStatusSchema, MILESTONE_NAMES, REQUEST_KINDS } from "@wuye/core";

export const BranchParam = z.object({
  branch: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,40}$/)
    .openapi({ example: "yangguang" }),
});
export const TrackingParam = z.object({ trackingCode: z.string().min(1).max(64).openapi({ example: "YGHY-ABCDE-FGHJK-LMNPQ-RSTUV" }) });

export const MilestoneDueSchema = z.object({ name: z.enum(MILESTONE_NAMES), dueAt: z.string().openapi({ format: "date-time" }) });

export const CreatedRequestSchema = z.object({
  id: z.string(),
  trackingCode: z.string(),
  status: z.string(),
  kind: z.enum(REQUEST_KINDS),
  urgency: z.enum(["urgent", "normal"]),
  milestones: z.array(MilestoneDueSchema),
});

export const BranchProfileSchema = z.object({
  slug: z.string(),
  /** A suspended branch (停用) shows its profile but takes no new requests (423 branch_suspended). */
  status: BranchStatusSchema,
  name: z.string(),
  nameEn: z.string(),
  timeZone: z.string(),
  servicePhone: z.string(),
  complaintPhone: z.string(),
  commitments: z.array(
    z.object({
      milestone: z.enum(MILESTONE_NAMES),
      kinds: z.array(z.enum(REQUEST_KINDS)),
      urgency: z.string().nullable(),
      minutes: z.number(),
      text: z.string(),
    }),
  ),
  priceList: z.array(z.object({ code: z.string(), name: z.string(), unit: z.string(), labourFen: z.number(), materialFen: z.number() })),
  notices: z.array(z.object({ id: z.string(), title: z.string(), body: z.string(), category: z.string(), publishedAt: z.string() })),
  categories: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(REQUEST_KINDS), urgent: z.boolean() })),
  communities: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      units: z.array(z.object({ id: z.string(), label: z.string(), buildingId: z.string(), building: z.string() })),
    }),
  ),
});

export const TrackingViewSchema = z.object({
  trackingCode: z.string(),
  kind: z.enum(REQUEST_KINDS),
  category: z.string().nullable(),
  urgency: z.string(),
  status: z.string(),
  createdAt: z.string(),
  branch: z.object({ slug: z.string(), name: z.string(), servicePhone: z.string() }),
  milestones: z.array(
    z.object({
      name: z.enum(MILESTONE_NAMES),
      dueAt: z.string().nullable(),
      status: z.string(),
      metAt: z.string().nullable(),
      breached: z.boolean(),
    }),
  ),
  timeline: z.array(z.object({ at: z.string(), type: z.string(), note: z.string().nullable() })),
  /** A dispatched repair's visit (null before dispatch): who comes, when, and whether a key was left. */
  visit: z
    .object({
      technician: z.string().nullable(),
      appointment: z.object({ from: z.string(), to: z.string() }).nullable(),
      keyLeft: z.boolean().nullable(),
    })
    .nullable(),
  workflow: z.object({ state: z.string(), residentActions: z.array(z.string()), record: z.record(z.string(), z.unknown()) }),
  /** The request's photos and signature, each `url` served to the holder of the tracking code. */
  attachments: z.array(AttachmentViewSchema),
});

import { z } from "@hono/zod-openapi";
import type { RegisterCursor } from "@wuye/db";
import { AttachmentViewSchema } from "../attachments/attachment-view.ts";
import { iso } from "../http/common.ts";

export const MilestoneView = z.object({
  id: z.string(),
  name: z.string(),
  dueAt: z.string().nullable(),
  status: z.string(),
  metAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
});
export const RegisterItem = z.object({
  id: z.string(),
  trackingCode: z.string(),
  kind: z.string(),
  category: z.string().nullable(),
  urgency: z.string(),
  status: z.string(),
  channel: z.string(),
  description: z.string(),
  contactName: z.string(),
  contactPhone: z.string().openapi({ description: "masked: 138****1234" }),
  unitLabel: z.string().nullable().openapi({ description: "the unit as written when the request came in: 阳光花园一期 1栋502" }),
  area: z.string().nullable(),
  ownerId: z.string().nullable(),
  createdAt: z.string(),
  nextDueAt: z.string().nullable(),
  milestones: z.array(MilestoneView),
});
export const RegisterPage = z.object({ items: z.array(RegisterItem), nextCursor: z.string().nullable() });

export const RequestDetail = RegisterItem.extend({
  contactPhone: z.string(),
  contactEmail: z.string().nullable(),
  unitId: z.string().nullable(),
  communityId: z.string().nullable(),
  appointment: z.object({ from: z.string(), to: z.string() }).nullable(),
  keyLeft: z.boolean().nullable(),
  urgencyReason: z.string().nullable(),
  /** Held by the staff member on duty until someone takes it (POST …/take). */
  ownerByDuty: z.boolean(),
  satisfaction: z.number().nullable(),
  ratingComment: z.string().nullable(),
  version: z.number(),
  /** Photos (with the request, before, after) and the drawn signature; `url` serves each to staff of the branch. */
  attachments: z.array(AttachmentViewSchema),
  events: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      at: z.string(),
      actorId: z.string().nullable(),
      actorRole: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});

/** A page's end as the client carries it: the register's sort key of the last row (see @wuye/db `RegisterCursor`). */
export const encodeCursor = (c: RegisterCursor) => btoa(JSON.stringify([c.createdAt, c.id, c.urgency ?? null, c.rank ?? null]));
export function decodeCursor(cursor: string | undefined): RegisterCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [createdAt, id, urgency, rank] = JSON.parse(atob(cursor)) as unknown[];
    if (typeof createdAt === "number" && typeof id === "string")
      return {
        createdAt,
        id,
        ...(typeof urgency === "string" ? { urgency } : {}),
        ...(typeof rank === "number" ? { rank } : {}),
      };
  } catch {}
  return undefined;
}

export function milestoneView(m: {
  id: string;
  name: string;
  dueAt: number | null;
  status: string;
  metAt: number | null;
  breachedAt: number | null;
}) {
  return { id: m.id, name: m.name, dueAt: iso(m.dueAt), status: m.status, metAt: iso(m.metAt), breachedAt: iso(m.breachedAt) };
}

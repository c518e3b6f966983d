import { NOTICE_TYPES } from "@wuye/core";
import { z } from "zod";

/** A notification as it travels on the `notifications` queue (written to the outbox by api and deadlines). */
export const NotificationSchema = z.object({
  notificationId: z.string().min(3),
  type: z.enum(NOTICE_TYPES),
  branchId: z.string(),
  orgId: z.string(),
  requestId: z.string().optional(),
  /** "owner", a role name, a ladder level ("serviceSupervisor", "branchManager", "region", "headOffice"), or "resident". */
  recipients: z.array(z.string()).default([]),
  /** A direct contact (one-time codes): sent by SMS to this phone only. */
  to: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  // Milestone notices (from the sweep) carry these instead of params.
  milestone: z.string().optional(),
  kind: z.string().optional(),
  dueAt: z.number().nullable().optional(),
  noticeKey: z.string().optional(),
});
export type Notification = z.infer<typeof NotificationSchema>;

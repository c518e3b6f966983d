import { z } from "zod";
import { SMS_HOLD_REASONS } from "../notification/sms-limits.ts";
import { NOTICE_TYPES } from "../notification/types.ts";

// What travels on the queues. Producers write these payloads to the outbox (api routes, intake, the sweep); the
// sender adds the outbox row's id; consumers (deadlines, notify) parse with these same schemas.

/** The queues, by the topic an outbox row names. */
export const TOPICS = { requestEvents: "request-events", notifications: "notifications" } as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

const onTheWire = { outboxId: z.string() };
const tenant = { branchId: z.string(), orgId: z.string() };

/** Something happened to a request: the deadlines consumer derives head office's PII-free facts from it. */
export const RequestEventSchema = z.object({ eventId: z.string(), type: z.string(), requestId: z.string(), ...tenant, at: z.number() });
export type RequestEvent = z.infer<typeof RequestEventSchema>;

/** A survey sent, answered or closed: head office's totals for it are rebuilt. */
export const SurveyEventSchema = z.object({
  eventId: z.string(),
  type: z.literal("survey.changed"),
  surveyId: z.string(),
  ...tenant,
  at: z.number(),
});
export type SurveyEvent = z.infer<typeof SurveyEventSchema>;

export const RequestEventMessageSchema = RequestEventSchema.extend(onTheWire);
export type RequestEventMessage = z.infer<typeof RequestEventMessageSchema>;
export const SurveyEventMessageSchema = SurveyEventSchema.extend(onTheWire);
export type SurveyEventMessage = z.infer<typeof SurveyEventMessageSchema>;

/** Everything the `request-events` queue carries. */
export const EventMessageSchema = z.union([SurveyEventMessageSchema, RequestEventMessageSchema]);
export type EventMessage = z.infer<typeof EventMessageSchema>;

/** A notification as it travels on the `notifications` queue. */
export const NotificationSchema = z.object({
  notificationId: z.string().min(3),
  type: z.enum(NOTICE_TYPES),
  ...tenant,
  requestId: z.string().optional(),
  /** "owner", a role name, a ladder level ("serviceSupervisor", "branchManager", "region", "headOffice"), or "resident". */
  recipients: z.array(z.string()).default([]),
  /** A direct contact (one-time codes): sent by SMS to this phone only. */
  to: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  /** Held before it was queued, by this SMS limit (a caller's tracking link): kept as held with the reason, not texted. */
  heldBy: z.enum(SMS_HOLD_REASONS).optional(),
  // Milestone notices (from the sweep) carry these instead of params.
  milestoneId: z.string().optional(),
  milestone: z.string().optional(),
  kind: z.string().optional(),
  dueAt: z.number().nullable().optional(),
  noticeKey: z.string().optional(),
  /** When the notice was due (milestone notices). */
  at: z.number().optional(),
});
export type Notification = z.infer<typeof NotificationSchema>;
/** What a producer writes (defaults may be left out). */
export type NotificationInput = z.input<typeof NotificationSchema>;

/** Why a message body is not what its queue carries, field by field (for the log and the dead-letter queue). */
export function messageFault(error: z.ZodError): string {
  return faultsOf(error.issues).join("; ");
}

/** A union's fault is that of the member the body came closest to (the fewest faults). */
function faultsOf(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): string[] {
  return issues.flatMap((i) => {
    const path = [...prefix, ...i.path];
    if (i.code === "invalid_union" && i.errors.length) {
      const closest = [...i.errors].sort((a, b) => a.length - b.length)[0]!;
      return faultsOf(closest, path);
    }
    return [`${path.map(String).join(".") || "(body)"}: ${i.message}`];
  });
}

/** A queue message's body parsed by its schema, or the reason it is malformed. */
export function parseMessage<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { ok: true; message: z.infer<S> } | { ok: false; reason: string } {
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, reason: messageFault(parsed.error) };
}

import type { Role } from "../auth/role.ts";
import type { SmsHoldReason } from "../notification/sms-limits.ts";
import type { BranchSettings } from "../branch/settings.ts";
import { type ComputedMilestone, type DeadlinePolicy, milestonesFor } from "../deadline/index.ts";
import { BadInput } from "../errors/index.ts";
import { newId, newTrackingCode } from "../id/index.ts";
import { classifyUrgency } from "./category.ts";
import { ALARM_KINDS, type Channel, type RequestKind, type Urgency } from "./kind.ts";
import type { CreateRequestInput, MilestoneName, StaffCreateRequestInput } from "./schema.ts";

/** Where a request is; a unit's `label` ("阳光花园一期 1栋502") is kept with the request for the register and its search. */
export type Place =
  | { unitId: string; communityId: string; label?: string }
  | { area: string; communityId: string | null; placeId?: string | null };

export interface IntakeContext {
  branch: { id: string; trackingPrefix: string };
  settings: BranchSettings;
  policy: DeadlinePolicy;
  channel: Channel;
  /** The staff member taking it (首问负责制: they own it); null for the resident portal. */
  actor: { staffId: string; role: Role } | null;
  /** Who is on duty now (`dutyOwner`): owns a portal request until someone takes it. */
  dutyOwnerId: string | null;
  place: Place;
  now: number;
  /** Where the tracking page lives (`https://…/b/{branch}/t/`): a caller recorded by staff gets the link by SMS. */
  trackingBase?: string;
}

/** Channels where staff record what a caller said: the caller is sent the tracking link (DOMAIN.md "Keeping the resident informed"). */
export const LINK_BY_SMS_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(["phone", "walk-in", "letter"]);

export interface PlannedMilestone {
  id: string;
  name: MilestoneName;
  startAt: number;
  durationMs: number;
  dueAt: number;
  calendar: Record<string, unknown>;
  policyVersion: number;
  schedule: Array<{ key: string; at: number }>;
}

export interface IntakePlan {
  request: {
    id: string;
    trackingCode: string;
    kind: RequestKind;
    category: string | null;
    urgency: Urgency;
    urgencyReason: string | null;
    status: "received";
    channel: Channel;
    description: string;
    contactName: string;
    contactPhone: string;
    contactEmail: string | null;
    unitId: string | null;
    unitLabel: string | null;
    communityId: string | null;
    area: string | null;
    /** The building or public area a QR poster named. */
    placeId: string | null;
    appointmentFrom: number | null;
    appointmentTo: number | null;
    keyLeft: boolean | null;
    locale: string;
    ownerId: string | null;
    ownerByDuty: boolean;
    createdBy: string | null;
    createdAt: number;
    updatedAt: number;
  };
  event: {
    id: string;
    requestId: string;
    type: "request.created";
    actorId: string | null;
    actorRole: string | null;
    publicNote: string;
    data: Record<string, unknown>;
    at: number;
  };
  milestones: PlannedMilestone[];
  /**
   * Notices the intake itself raises: alarms to the manager at once, and an acknowledgement to the resident
   * registered with the contact phone. Whether there is one is known only where the request is written: the
   * database links the request to that resident and keeps a notice marked `ifResident` only when it found one.
   */
  notices: Array<{
    type: "request.alarm" | "request.received" | "request.trackingLink";
    recipients: string[];
    params: Record<string, string>;
    ifResident?: true;
    /** A direct SMS to this phone (the caller's tracking link). */
    to?: string;
    /** The SMS limit that holds this text back: the request is recorded all the same, the text kept as held. */
    heldBy?: SmsHoldReason;
  }>;
}

/** The phone a plan texts its tracking link to (a request staff took from a caller), or null. */
export const trackingLinkPhone = (plan: IntakePlan): string | null =>
  plan.notices.find((n) => n.type === "request.trackingLink")?.to ?? null;

/** The plan with its tracking-link text held back by an SMS limit (never the request itself: it is not lost). */
export function holdTrackingLink(plan: IntakePlan, reason: SmsHoldReason): IntakePlan {
  return { ...plan, notices: plan.notices.map((n) => (n.type === "request.trackingLink" ? { ...n, heldBy: reason } : n)) };
}

/** A new request of any kind from any channel: checked against the branch's lists, classified, its clocks started. */
export function planIntake(input: CreateRequestInput | StaffCreateRequestInput, ctx: IntakeContext): IntakePlan {
  const category = input.category ? ctx.settings.categories.find((c) => c.code === input.category) : undefined;
  if (input.category && (!category || category.kind !== input.kind)) {
    throw new BadInput("unknown category for this kind", [
      { path: "category", message: `"${input.category}" is not a ${input.kind} category of this branch` },
    ]);
  }
  const override = "urgencyOverride" in input ? input.urgencyOverride : undefined;
  const urgency = classifyUrgency(ctx.settings.categories, input.kind, input.category, override?.urgency);
  const id = newId("req", ctx.now);
  const eventId = newId("evt", ctx.now);
  const trackingCode = newTrackingCode(ctx.branch.trackingPrefix);
  const sendLink = ctx.actor !== null && ctx.trackingBase !== undefined && LINK_BY_SMS_CHANNELS.has(ctx.channel);
  const planned = milestonesFor(ctx.policy, { kind: input.kind, urgency, category: input.category, trigger: "created", at: ctx.now });
  return {
    request: {
      id,
      trackingCode,
      kind: input.kind,
      category: input.category ?? null,
      urgency,
      urgencyReason: override?.reason ?? null,
      status: "received",
      channel: ctx.channel,
      description: input.description,
      contactName: input.contact.name,
      contactPhone: input.contact.phone,
      contactEmail: input.contact.email ?? null,
      unitId: "unitId" in ctx.place ? ctx.place.unitId : null,
      unitLabel: "unitId" in ctx.place ? (ctx.place.label ?? null) : null,
      communityId: ctx.place.communityId,
      area: "area" in ctx.place ? ctx.place.area : null,
      placeId: "area" in ctx.place ? (ctx.place.placeId ?? null) : null,
      appointmentFrom: input.appointment?.from ?? null,
      appointmentTo: input.appointment?.to ?? null,
      keyLeft: input.keyLeft ?? null,
      locale: input.locale ?? "zh-CN",
      ownerId: ctx.actor?.staffId ?? ctx.dutyOwnerId,
      ownerByDuty: ctx.actor === null && ctx.dutyOwnerId !== null,
      createdBy: ctx.actor?.staffId ?? null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    },
    event: {
      id: eventId,
      requestId: id,
      type: "request.created",
      actorId: ctx.actor?.staffId ?? null,
      actorRole: ctx.actor?.role ?? null,
      publicNote: "received",
      data: { channel: ctx.channel, urgency, ...(override ? { urgencyOverride: override } : {}), attachmentIds: input.attachmentIds ?? [] },
      at: ctx.now,
    },
    notices: [
      ...(ALARM_KINDS.has(input.kind)
        ? [
            {
              type: "request.alarm" as const,
              recipients: ["branchManager", "owner"],
              params: { description: input.description.slice(0, 100) },
            },
          ]
        : []),
      { type: "request.received" as const, recipients: ["resident"], params: { commitment: "" }, ifResident: true as const },
      ...(sendLink
        ? [
            {
              type: "request.trackingLink" as const,
              recipients: [],
              to: input.contact.phone,
              params: { link: `${ctx.trackingBase}${encodeURIComponent(trackingCode)}` },
            },
          ]
        : []),
    ],
    milestones: planned.map((m) => plannedMilestone(m, ctx.now)),
  };
}

/** A computed milestone as it is stored: with its id, the calendar kept as plain data. */
export function plannedMilestone(m: ComputedMilestone, now: number): PlannedMilestone {
  return {
    id: newId("ms", now),
    name: m.name,
    startAt: m.startAt,
    durationMs: m.durationMs,
    dueAt: m.dueAt,
    calendar: m.calendar as unknown as Record<string, unknown>,
    policyVersion: m.policyVersion,
    schedule: m.schedule,
  };
}

/** 138****1234: lists never show a full phone number. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return "*".repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

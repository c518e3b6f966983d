import {
  BadInput,
  type CreateRequestInput,
  counterText,
  IdempotencyMismatch,
  intakeRefusal,
  offsetAt,
  type Place,
  planIntake,
  RateLimited,
  REPEAT_TEXT_WINDOW_MS,
  sha256Hex,
  type StaffCreateRequestInput,
  type TrackingSms,
  type Actor,
  type Channel,
  type MilestoneName,
  type RequestKind,
  type Urgency,
} from "@wuye/core";
import {
  type BranchDb,
  type BranchRow,
  findAttachments,
  findCommunity,
  findPosterPlace,
  findUnitPlace,
  intakeRefusalFacts,
  recordIntake,
  refusedByLimits,
} from "@wuye/db";
import { branchSettings } from "../branch-settings.ts";
import { iso } from "../http/common.ts";
import { dutyOwnerAt } from "../duty.ts";
import { publishCommitted } from "../outbox.ts";
import type { Services } from "../services.ts";
import { checkTrackingSms } from "./tracking-sms.ts";

export interface CreatedRequest {
  id: string;
  trackingCode: string;
  status: string;
  kind: RequestKind;
  urgency: Urgency;
  milestones: Array<{ name: MilestoneName; dueAt: string }>;
  /** A request staff took from a caller: whether the tracking link was texted, or held by an SMS limit and why. */
  trackingSms?: TrackingSms;
}

interface CreateArgs {
  s: Services;
  branch: BranchRow;
  db: BranchDb;
  input: CreateRequestInput | StaffCreateRequestInput;
  channel: Channel;
  actor: Actor | null;
  idempotencyKey: string | undefined;
  rawBody: string;
  clientIp: string;
  waitUntil: (p: Promise<unknown>) => void;
  /** This site's origin: a caller recorded by staff is sent `<origin>/b/<branch>/t/<code>` by SMS. */
  origin?: string;
}

const DAY_MS = 86_400_000;

/**
 * Day number and seconds left in the day, in the branch's zone: "10 a day" resets at local midnight.
 * Through core's cached zone offsets: a new Intl.DateTimeFormat per request costs more than the rest of it.
 */
function localDay(now: number, timeZone: string): { day: number; secondsLeft: number } {
  const wall = now + offsetAt(timeZone, now);
  const day = Math.floor(wall / DAY_MS);
  return { day, secondsLeft: Math.max(1, Math.ceil(((day + 1) * DAY_MS - wall) / 1000)) };
}

async function resolvePlace(s: Services, branch: BranchRow, input: CreateArgs["input"]): Promise<Place> {
  if ("unitId" in input.location) {
    const unit = await findUnitPlace(s.control, input.location.unitId);
    if (!unit || unit.branchId !== branch.id)
      throw new BadInput("unknown unit", [{ path: "location.unitId", message: "no such unit in this branch" }]);
    return { unitId: unit.id, communityId: unit.communityId, label: unit.label };
  }
  if (input.location.placeId) {
    // A QR poster's building or public area: the place names its community.
    const place = await findPosterPlace(s.control, input.location.placeId);
    if (!place || place.branchId !== branch.id)
      throw new BadInput("unknown place", [{ path: "location.placeId", message: "no such building or public area in this branch" }]);
    return { area: input.location.area, communityId: place.communityId, placeId: place.id };
  }
  const communityId = input.location.communityId ?? null;
  if (communityId) {
    const community = await findCommunity(s.control, communityId);
    if (!community || community.branchId !== branch.id) {
      throw new BadInput("unknown community", [{ path: "location.communityId", message: "no such community in this branch" }]);
    }
  }
  return { area: input.location.area, communityId };
}

/**
 * Intake for every kind and channel: validate, plan (core), write in one transaction, publish. The write is
 * one round trip to the branch database: it carries the idempotency answer and the abuse counters, and the
 * database refuses it whole when the key was used or a limit is reached (`rate_counters_guard`). Only a
 * refused write reads anything, to say why. After the answer, the outbox rows are published.
 */
export async function createRequest(a: CreateArgs): Promise<{ status: number; body: CreatedRequest; replayed: boolean }> {
  const { s, branch, db } = a;
  const scope = a.actor ? `staff:${a.actor.staffId}` : `public:${a.branch.id}`;
  const bodyHash = a.idempotencyKey ? await sha256Hex(a.rawBody) : "";
  const now = s.now();
  const { day, secondsLeft } = localDay(now, branch.timeZone);
  const limitKeys = a.actor ? [] : [`phone:${a.input.contact.phone}`, `ip:${a.clientIp}`];
  const attachmentIds = a.input.attachmentIds ?? [];
  const [{ settings, policy }, place, photos] = await Promise.all([
    branchSettings(s, branch.id),
    resolvePlace(s, branch, a.input),
    findAttachments(db, attachmentIds),
  ]);
  photos.forEach((photo, i) => {
    if (!photo || photo.requestId)
      throw new BadInput("unknown photo", [{ path: `attachmentIds.${i}`, message: "no such uploaded photo, or already attached" }]);
  });
  const dutyOwnerId = a.actor ? null : await dutyOwnerAt(s, branch, settings.nightShift, now);
  const planned = planIntake(a.input, {
    branch,
    settings,
    policy,
    channel: a.channel,
    actor: a.actor ? { staffId: a.actor.staffId, role: a.actor.role } : null,
    dutyOwnerId,
    place,
    now,
    ...(a.origin ? { trackingBase: `${a.origin}/b/${branch.slug}/t/` } : {}),
  });
  const { plan, sms, undo } = await checkTrackingSms(
    db,
    planned,
    { timeZone: branch.timeZone, smsDailyBudget: settings.smsDailyBudget },
    now,
  );
  const body: CreatedRequest = {
    id: plan.request.id,
    trackingCode: plan.request.trackingCode,
    status: plan.request.status,
    kind: plan.request.kind,
    urgency: plan.request.urgency,
    milestones: plan.milestones.map((m) => ({ name: m.name, dueAt: iso(m.dueAt) })),
    ...(sms ? { trackingSms: sms } : {}),
  };
  const idempotency = a.idempotencyKey ? { scope, key: a.idempotencyKey } : undefined;
  let outbox: Awaited<ReturnType<typeof recordIntake>>;
  try {
    outbox = await recordIntake(db, plan, branch, {
      ...(idempotency ? { idempotency: { ...idempotency, bodyHash, status: 201, response: JSON.stringify(body), createdAt: now } } : {}),
      counters: limitKeys.map((key) => ({
        key,
        window: day,
        text: counterText(a.input.description),
        at: now,
        cap: settings.publicDailyLimit,
      })),
      attachmentIds,
    });
  } catch (err) {
    // Refused as a whole (or unanswered): a twin with this key got there first, or a limit stands.
    await undo().catch(() => {});
    const facts = await intakeRefusalFacts(db, { idempotency, limitKeys, window: day }).catch(() => null);
    if (facts?.idempotent) return replay(facts.idempotent, bodyHash);
    const refusal = facts && intakeRefusal(facts.counters, { text: a.input.description, at: now, dailyLimit: settings.publicDailyLimit });
    if (refusal === "daily-limit") throw new RateLimited(secondsLeft, `daily limit of ${settings.publicDailyLimit} requests reached`);
    if (refusal === "repeat") throw new RateLimited(REPEAT_TEXT_WINDOW_MS / 1000, "the same text was submitted less than a minute ago");
    if (refusedByLimits(err)) throw new RateLimited(REPEAT_TEXT_WINDOW_MS / 1000, "too many submissions just now; try again in a minute");
    throw err;
  }
  // Published from the rows in hand (no read back), together with other creates' under load; the sweep
  // re-publishes them if this fails.
  a.waitUntil(publishCommitted(s, db, branch.dbUrl, outbox));
  return { status: 201, body, replayed: false };
}

function replay(previous: { bodyHash: string; status: number; response: string }, bodyHash: string) {
  if (previous.bodyHash !== bodyHash) throw new IdempotencyMismatch();
  return { status: previous.status, body: JSON.parse(previous.response) as CreatedRequest, replayed: true };
}

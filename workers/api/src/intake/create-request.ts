import {
  BadInput,
  type CreateRequestInput,
  IdempotencyMismatch,
  offsetAt,
  type Place,
  planIntake,
  RateLimited,
  sha256Hex,
  type StaffCreateRequestInput,
  type Actor,
  type Channel,
  type MilestoneName,
  type RequestKind,
  type Urgency,
} from "@wuye/core";
import {
  type BranchDb,
  type BranchRow,
  findCommunity,
  findIdempotent,
  findUnit,
  intakeChecks,
  recordIntake,
} from "@wuye/db";
import { branchSettings } from "../branch-settings.ts";
import { dutyOwnerAt } from "../duty.ts";
import { publishCommitted } from "../outbox.ts";
import type { Services } from "../services.ts";

export interface CreatedRequest {
  id: string;
  trackingCode: string;
  status: string;
  kind: RequestKind;
  urgency: Urgency;
  milestones: Array<{ name: MilestoneName; dueAt: string }>;
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
}

const DAY_MS = 86_400_000;
const DUPLICATE_WINDOW_MS = 60_000;

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
    const unit = await findUnit(s.control, input.location.unitId);
    if (!unit || unit.branchId !== branch.id) throw new BadInput("unknown unit", [{ path: "location.unitId", message: "no such unit in this branch" }]);
    return { unitId: unit.id, communityId: unit.communityId };
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
 * Intake for every kind and channel: validate, limit, plan (core), write in one transaction, publish.
 * Round trips to the branch database: one batch of reads (idempotent answer, limits, duplicate text,
 * resident, photos), one write batch, and after the answer the outbox rows' publication mark.
 */
export async function createRequest(a: CreateArgs): Promise<{ status: number; body: CreatedRequest; replayed: boolean }> {
  const scope = a.actor ? `staff:${a.actor.staffId}` : `public:${a.branch.id}`;
  const bodyHash = a.idempotencyKey ? await sha256Hex(a.rawBody) : "";
  try {
    return await create(a, scope, bodyHash);
  } catch (err) {
    if (!a.idempotencyKey || err instanceof IdempotencyMismatch) throw err;
    // A concurrent twin with the same key got there first (its insert won, or its text now trips the
    // duplicate check): answer what it answered.
    const winner = await findIdempotent(a.db, scope, a.idempotencyKey);
    if (winner) return replay(winner, bodyHash);
    throw err;
  }
}

async function create(a: CreateArgs, scope: string, bodyHash: string): Promise<{ status: number; body: CreatedRequest; replayed: boolean }> {
  const { s, branch, db } = a;
  const now = s.now();
  // Every check reads independently: the branch reads go in one batch, beside the (cached) control reads.
  const { day, secondsLeft } = localDay(now, branch.timeZone);
  const limitKeys = a.actor ? [] : [`phone:${a.input.contact.phone}`, `ip:${a.clientIp}`];
  const attachmentIds = a.input.attachmentIds ?? [];
  const [checks, { settings, policy }, place] = await Promise.all([
    intakeChecks(db, {
      idempotency: a.idempotencyKey ? { scope, key: a.idempotencyKey } : undefined,
      limitKeys,
      window: day,
      duplicate: a.actor ? undefined : { phone: a.input.contact.phone, description: a.input.description, since: now - DUPLICATE_WINDOW_MS },
      phone: a.input.contact.phone,
      attachmentIds,
    }),
    branchSettings(s, branch.id),
    resolvePlace(s, branch, a.input),
  ]);
  if (checks.idempotent) return replay(checks.idempotent, bodyHash);
  if (checks.counters.some((counter) => counter && counter.count >= settings.publicDailyLimit)) {
    throw new RateLimited(secondsLeft, `daily limit of ${settings.publicDailyLimit} requests reached`);
  }
  if (checks.duplicate) throw new RateLimited(60, "the same text was submitted less than a minute ago");
  checks.attachments.forEach((attachment, i) => {
    if (!attachment || attachment.requestId) throw new BadInput("unknown photo", [{ path: `attachmentIds.${i}`, message: "no such uploaded photo, or already attached" }]);
  });
  const counters = limitKeys.map((key) => ({ key, window: day, text: a.input.description.slice(0, 200), at: now }));
  const dutyOwnerId = a.actor ? null : await dutyOwnerAt(s, branch, settings.nightShift, now);
  const plan = planIntake(a.input, {
    branch,
    settings,
    policy,
    channel: a.channel,
    actor: a.actor ? { staffId: a.actor.staffId, role: a.actor.role } : null,
    dutyOwnerId,
    place,
    residentId: checks.resident?.id ?? null,
    now,
  });
  const body: CreatedRequest = {
    id: plan.request.id,
    trackingCode: plan.request.trackingCode,
    status: plan.request.status,
    kind: plan.request.kind,
    urgency: plan.request.urgency,
    milestones: plan.milestones.map((m) => ({ name: m.name, dueAt: new Date(m.dueAt).toISOString() })),
  };
  const outbox = await recordIntake(db, plan, branch, {
    ...(a.idempotencyKey ? { idempotency: { scope, key: a.idempotencyKey, bodyHash, status: 201, response: JSON.stringify(body), createdAt: now } } : {}),
    counters,
    attachmentIds,
  });
  // Published from the rows in hand (no read back), together with other creates' under load; the sweep
  // re-publishes them if this fails.
  a.waitUntil(publishCommitted(s, db, branch.dbUrl, outbox));
  return { status: 201, body, replayed: false };
}

function replay(previous: { bodyHash: string; status: number; response: string }, bodyHash: string) {
  if (previous.bodyHash !== bodyHash) throw new IdempotencyMismatch();
  return { status: previous.status, body: JSON.parse(previous.response) as CreatedRequest, replayed: true };
}

import { isClosedStatus } from "../workflow/plan.ts";
import { type Locale, type MessageKey, t } from "../i18n/index.ts";

/** Open items handed to the next shift (交接班记录), auto-filled from the system and the shift's notes. */
export type HandoverItemSource = "request" | "milestone" | "note";

export interface HandoverItemDraft {
  source: HandoverItemSource;
  refId: string | null;
  text: string;
}

export interface OpenRequestLike {
  id: string;
  trackingCode: string;
  kind: string;
  status: string;
  ownerId: string | null;
  description: string;
}

export interface MilestoneLike {
  id: string;
  requestId: string;
  name: string;
  status: string;
  dueAt: number | null;
}

const OPEN_MILESTONE = new Set(["open", "paused"]);

/**
 * What the outgoing shift hands over: the requests it owns that are still open, then every overdue
 * milestone of an open request (whoever owns it: the desk answers for the branch's deadlines), each once.
 * Oldest overdue first, so the most urgent item leads.
 */
export function selectHandoverItems(input: {
  ownerId: string;
  requests: readonly OpenRequestLike[];
  milestones: readonly MilestoneLike[];
  now: number;
  /** The texts are written in the language of the one handing over, due times in the branch's zone. */
  locale?: Locale;
  timeZone?: string;
}): HandoverItemDraft[] {
  const locale = input.locale ?? "zh-CN";
  const term = (key: string, code: string) => {
    const k = `${key}.${code}` as MessageKey;
    const text = t(locale, k);
    return text === k ? code : text;
  };
  const when = new Intl.DateTimeFormat(locale, {
    timeZone: input.timeZone ?? "Asia/Shanghai",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  });
  const byId = new Map(input.requests.map((r) => [r.id, r]));
  const items: HandoverItemDraft[] = [];
  for (const r of input.requests) {
    if (r.ownerId !== input.ownerId || isClosedStatus(r.status)) continue;
    items.push({
      source: "request",
      refId: r.id,
      text: t(locale, "handover.item.request", {
        code: r.trackingCode,
        kind: term("kind", r.kind),
        state: term("state", r.status),
        description: r.description.slice(0, 80),
      }),
    });
  }
  const overdue = input.milestones
    .filter((m) => OPEN_MILESTONE.has(m.status) && m.dueAt !== null && m.dueAt < input.now)
    .filter((m) => {
      const r = byId.get(m.requestId);
      return !r || !isClosedStatus(r.status);
    })
    .sort((a, b) => a.dueAt! - b.dueAt! || a.id.localeCompare(b.id));
  const seen = new Set<string>();
  for (const m of overdue) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    const r = byId.get(m.requestId);
    items.push({
      source: "milestone",
      refId: m.id,
      text: t(locale, "handover.item.overdue", {
        code: r?.trackingCode ?? m.requestId,
        milestone: term("milestone", m.name),
        due: when.format(m.dueAt!),
      }),
    });
  }
  return items;
}

/** How long a handover may wait for the incoming shift's signature before the supervisor is told. */
export const HANDOVER_SIGN_GRACE_MS = 30 * 60_000;

export interface HandoverLike {
  createdAt: number;
  signedAt: number | null;
  items: ReadonlyArray<{ signedAt: number | null }>;
}

export interface HandoverState {
  status: "awaiting" | "signed" | "partial";
  unsignedItems: number;
  /** Shown to the supervisor: signed with items left unsigned, or not signed within the grace period. */
  flagged: boolean;
}

export function handoverState(h: HandoverLike, now: number, graceMs = HANDOVER_SIGN_GRACE_MS): HandoverState {
  const unsignedItems = h.items.filter((i) => i.signedAt === null).length;
  if (h.signedAt === null) return { status: "awaiting", unsignedItems, flagged: now - h.createdAt >= graceMs };
  return unsignedItems > 0 ? { status: "partial", unsignedItems, flagged: true } : { status: "signed", unsignedItems: 0, flagged: false };
}

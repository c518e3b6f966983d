import type { ComponentChildren } from "preact";
import { fmtDateTime, fmtDuration, term, tr } from "../lib/i18n.ts";
import { useNow } from "../lib/query.ts";
import { Badge } from "./kit.tsx";

export interface MilestoneLike {
  id?: string;
  name: string;
  dueAt: string | null;
  status: string;
  metAt: string | null;
  breached?: boolean;
  breachedAt?: string | null;
}

/** Where a milestone stands now: met (on time or late), paused, overdue, or due in… */
export function milestoneState(
  m: MilestoneLike,
  now: number,
): { tone: "ok" | "warn" | "bad" | "info" | "muted"; label: string; detail: string } {
  const due = m.dueAt ? Date.parse(m.dueAt) : null;
  if (m.status === "met") {
    const late = m.metAt && due !== null && Date.parse(m.metAt) > due;
    return {
      tone: late ? "warn" : "ok",
      label: tr(late ? "w.ms.metLate" : "w.ms.met"),
      detail: tr("w.ms.metAt", { at: fmtDateTime(m.metAt) }),
    };
  }
  if (m.status === "paused") return { tone: "info", label: tr("w.ms.paused"), detail: tr("w.ms.pausedHint") };
  if (m.status === "cancelled") return { tone: "muted", label: tr("w.ms.cancelled"), detail: "" };
  if (due === null) return { tone: "muted", label: tr("w.ms.waiting"), detail: "" };
  if (due < now || m.breached || m.breachedAt)
    return {
      tone: "bad",
      label: tr("w.ms.overdue", { d: fmtDuration(now - due) }),
      detail: tr("w.ms.dueAt", { at: fmtDateTime(m.dueAt) }),
    };
  const left = due - now;
  return {
    tone: left < 3_600_000 ? "warn" : "info",
    label: tr("w.ms.left", { d: fmtDuration(left) }),
    detail: tr("w.ms.dueAt", { at: fmtDateTime(m.dueAt) }),
  };
}

/** The milestones as a timeline with live countdowns; `actions` renders staff buttons per milestone. */
export function Milestones({ items, actions }: { items: MilestoneLike[]; actions?: (m: MilestoneLike) => ComponentChildren }) {
  const now = useNow(1000);
  if (!items.length) return <p class="hint">{tr("w.ms.none")}</p>;
  return (
    <ol class="milestones" aria-label={tr("w.ms.title")}>
      {items.map((m) => {
        const s = milestoneState(m, now);
        return (
          <li key={m.id ?? m.name} class={`ms ${s.tone}`} data-milestone={m.name} data-status={m.status}>
            <span class="dot" aria-hidden="true" />
            <div>
              <strong>{term("milestone", m.name)}</strong> <Badge tone={s.tone}>{s.label}</Badge>
              <div class="hint">{s.detail}</div>
              {actions?.(m)}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

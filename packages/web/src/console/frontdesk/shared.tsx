import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { ApiError } from "../../lib/api.ts";
import { errorText } from "../../lib/form.ts";
import { tr, type TextKey } from "../../lib/i18n.ts";
import { useProfile } from "../../lib/profile.ts";
import { staffSession } from "../../lib/session.ts";
import { ErrorBox } from "../../ui/kit.tsx";

/** The branch's places from its public profile: unit labels ("阳光花园一期 2栋301") and the communities. */
export function usePlaces() {
  const profile = useProfile(staffSession()?.staff.branch);
  const communities = profile.data?.communities ?? [];
  const labels = new Map(communities.flatMap((c) => c.units.map((u) => [u.id, `${c.name} ${u.label}`] as const)));
  const buildings = new Map(communities.flatMap((c) => c.units.map((u) => [u.buildingId, `${c.name} ${u.building}`] as const)));
  return {
    profile,
    communities,
    buildings: [...buildings].map(([value, label]) => ({ value, label })),
    units: [...labels].map(([value, label]) => ({ value, label })),
    unitLabel: (id: string | null | undefined) => (id ? (labels.get(id) ?? id) : "—"),
  };
}

/** Tabs between the screens of one area, as links (each screen has its own address). */
export function SubNav({ items, here }: { items: Array<{ href: string; label: TextKey; show?: boolean }>; here: string }) {
  return (
    <nav class="chips" aria-label={tr("w.nav")}>
      {items
        .filter((i) => i.show !== false)
        .map((i) => (
          <a key={i.href} class="button secondary" href={i.href} aria-current={here === i.href ? "page" : undefined}>
            {tr(i.label)}
          </a>
        ))}
    </nav>
  );
}

/** The API's refusal in words: a stale version asks to reload; anything else shows the problem's title and detail. */
export function refusalText(err: unknown): string {
  if (err instanceof ApiError && err.status === 412) return tr("w.req.stale");
  return errorText(err);
}

/** Runs one action at a time, keeping its error (in words) for the screen. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(fn: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (err) {
      setError(refusalText(err));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="hint">{children}</p>;
}

/** Start of today in the browser's zone, as ISO (the desk PC sits in the branch). */
export function startOfToday(now = Date.now()): string {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

/** A datetime-local value as ISO, or undefined when empty. */
export const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** The end of a form that opens and closes: the form's error, then save and close. */
export function FormActions({
  error,
  busy,
  save,
  onClose,
}: {
  error: string | null | undefined;
  busy?: boolean;
  save: string;
  onClose(): void;
}) {
  return (
    <>
      <ErrorBox error={error ?? null} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {save}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          {tr("w.close")}
        </button>
      </div>
    </>
  );
}

export { ListTable } from "../../ui/list-table.tsx";

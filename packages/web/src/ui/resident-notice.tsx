import { fmtDate } from "../lib/i18n.ts";

/** A notice as the portal shows it to residents: the same markup wherever it appears (the portal, the approval preview). */
export function ResidentNotice({ title, body, date, open }: { title: string; body: string; date: string | null; open?: boolean }) {
  return (
    <details class="notice" open={open}>
      <summary>
        {title} {date && <span class="hint">{fmtDate(date)}</span>}
      </summary>
      <p class="pre">{body}</p>
    </details>
  );
}

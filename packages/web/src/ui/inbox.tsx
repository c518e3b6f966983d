import { useEffect } from "preact/hooks";
import type { InboxView } from "../api/types.ts";
import { type Answer, answer, api, extras } from "../lib/api.ts";
import { staffApi, staffSession } from "../lib/session.ts";
import { fmtDateTime, tr } from "../lib/i18n.ts";
import { useQuery } from "../lib/query.ts";
import { ErrorBox } from "./kit.tsx";

/** Whose inbox: the signed-in staff member's, or a resident's of a branch (their token). */
export type InboxSource = { staff: true } | { branch: string; token: string };

function loadInbox(source: InboxSource, etag: string | null): Promise<Answer<InboxView>> {
  if ("staff" in source) return answer(staffApi.console.inbox.$get({}, extras({ ifNoneMatch: etag })));
  return answer(
    api.public.branches[":branch"].my.inbox.$get({ param: { branch: source.branch } }, extras({ token: source.token, ifNoneMatch: etag })),
  );
}

/**
 * A live inbox: polls with If-None-Match every few seconds; the API answers 304 until something changes (see
 * workers/api/src/http/inbox-view.ts for why polling rather than Server-Sent Events).
 */
export function InboxPanel({
  source,
  onUnauthorized,
  pollMs = 3000,
  compact,
}: {
  source: InboxSource;
  onUnauthorized?: () => void;
  pollMs?: number;
  compact?: boolean;
}) {
  const who = "staff" in source ? `staff:${staffSession()?.staff.id ?? ""}` : `${source.branch}:${source.token.slice(-12)}`;
  const q = useQuery(`inbox:${who}`, (etag) => loadInbox(source, etag), { pollMs, staleMs: 0 });
  const status = (q.error as { status?: number } | undefined)?.status;
  useEffect(() => {
    if (status === 401) onUnauthorized?.();
  }, [status]);
  return (
    <section class={`card inbox${compact ? " compact" : ""}`} aria-labelledby="inbox-title">
      <h2 id="inbox-title">{tr("web.inbox.title")}</h2>
      <p class="hint">{tr("web.inbox.live")}</p>
      <p id="inbox-unread" aria-live="polite" data-unread={q.data ? String(q.data.unread) : undefined}>
        {q.data ? tr("web.inbox.unread", { n: q.data.unread }) : "…"}
      </p>
      <ErrorBox error={q.error && !q.data ? q.error : null} />
      <ul id="inbox-items">
        {q.data && !q.data.items.length && <li>{tr("web.inbox.empty")}</li>}
        {q.data?.items.map((i) => (
          <li key={i.id} data-id={i.id} class={i.read ? "read" : "unread"}>
            <strong>{i.title}</strong>
            <p>{i.body}</p>
            <time dateTime={i.createdAt}>{fmtDateTime(i.createdAt)}</time>
          </li>
        ))}
      </ul>
    </section>
  );
}

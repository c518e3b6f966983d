import { useEffect } from "preact/hooks";
import { type Answer, call } from "../lib/api.ts";
import { staffCall, staffSession } from "../lib/session.ts";
import { fmtDateTime, tr } from "../lib/i18n.ts";
import { useQuery } from "../lib/query.ts";
import { ErrorBox } from "./kit.tsx";

interface InboxView {
  unread: number;
  items: Array<{ id: string; type: string; title: string; body: string; requestId: string | null; createdAt: string; read: boolean }>;
}

/**
 * A live inbox: polls with If-None-Match every few seconds; the API answers 304 until something changes (see
 * workers/api/src/http/inbox-view.ts for why polling rather than Server-Sent Events).
 */
/** `token`: a resident's token; without it the call is made as the signed-in staff member (refreshing the token). */
export function InboxPanel({ path, token, onUnauthorized, pollMs = 3000, compact }: { path: string; token?: string; onUnauthorized?: () => void; pollMs?: number; compact?: boolean }) {
  const load = (etag: string | null): Promise<Answer<InboxView>> => (token ? call<InboxView>(path, { token, ifNoneMatch: etag }) : staffCall<InboxView>(path, { ifNoneMatch: etag }));
  const q = useQuery<InboxView>(`inbox:${path}:${token?.slice(-12) ?? staffSession()?.staff.id ?? "staff"}`, load, { pollMs, staleMs: 0 });
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

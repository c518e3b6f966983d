import { useEffect } from "preact/hooks";
import type { InboxView } from "../api/types.ts";
import { type Answer, answer, api, extras } from "../lib/api.ts";
import { fmtDateTime, tr } from "../lib/i18n.ts";
import { invalidate, useQuery } from "../lib/query.ts";
import { staffApi, staffSession } from "../lib/session.ts";
import { ErrorBox } from "./kit.tsx";

/** Whose inbox: the signed-in staff member's, or a resident's of a branch (their token). */
export type InboxSource = { staff: true } | { branch: string; token: string };
type Item = InboxView["items"][number];

function loadInbox(source: InboxSource, etag: string | null): Promise<Answer<InboxView>> {
  if ("staff" in source) return answer(staffApi.console.inbox.$get({}, extras({ ifNoneMatch: etag })));
  return answer(
    api.public.branches[":branch"].my.inbox.$get({ param: { branch: source.branch } }, extras({ token: source.token, ifNoneMatch: etag })),
  );
}

/** Where an item leads: the request (the resident by its tracking code), the notice, the handover, the survey, the failed delivery. */
export function subjectHref(source: InboxSource, subject: Item["subject"]): string | null {
  if (!subject) return null;
  if ("staff" in source) {
    if (subject.type === "request") return `/console/r/${subject.id}`;
    if (subject.type === "notice") return `/console/notices/${subject.id}`;
    if (subject.type === "handover") return `/console/handovers/${subject.id}`;
    if (subject.type === "delivery") return "/console/deliveries";
    return null;
  }
  const base = `/b/${source.branch}`;
  if (subject.type === "request") return subject.trackingCode ? `${base}/t/${subject.trackingCode}` : null;
  if (subject.type === "notice") return `${base}#notice-${subject.id}`;
  if (subject.type === "survey") return `${base}/my#survey-${subject.id}`;
  return null;
}

async function markRead(source: InboxSource, id: string | null) {
  if ("staff" in source) {
    await (id ? staffApi.console.inbox[":id"].read.$post({ param: { id } }) : staffApi.console.inbox["read-all"].$post());
  } else {
    const mine = api.public.branches[":branch"].my.inbox;
    const auth = extras({ token: source.token });
    await (id
      ? mine[":id"].read.$post({ param: { branch: source.branch, id } }, auth)
      : mine["read-all"].$post({ param: { branch: source.branch } }, auth));
  }
}

/**
 * A live inbox: polls with If-None-Match every few seconds; the API answers 304 until something changes (see
 * workers/api/src/http/inbox-view.ts for why polling rather than Server-Sent Events). Opening an item marks it
 * read and leads to its subject.
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
  const key = `inbox:${who}`;
  const q = useQuery(key, (etag) => loadInbox(source, etag), { pollMs, staleMs: 0 });
  const status = (q.error as { status?: number } | undefined)?.status;
  useEffect(() => {
    if (status === 401) onUnauthorized?.();
  }, [status]);
  const read = (id: string | null) => {
    // The read mark must not hold up the navigation to the subject: the next poll shows the new count.
    void markRead(source, id)
      .catch(() => undefined)
      .then(() => invalidate(key));
  };
  const unread = q.data?.unread ?? 0;
  return (
    <section class={`card inbox${compact ? " compact" : ""}`} aria-labelledby="inbox-title">
      <h2 id="inbox-title">{tr("web.inbox.title")}</h2>
      <p class="hint">{tr("web.inbox.live")}</p>
      <p class="inbox-head">
        <span id="inbox-unread" aria-live="polite" data-unread={q.data ? String(unread) : undefined}>
          {q.data ? tr("web.inbox.unread", { n: unread }) : "…"}
        </span>
        {unread > 0 && (
          <button type="button" class="link" id="inbox-read-all" onClick={() => read(null)}>
            {tr("w.inbox.markAll")}
          </button>
        )}
      </p>
      <ErrorBox error={q.error && !q.data ? q.error : null} />
      <ul id="inbox-items">
        {q.data && !q.data.items.length && <li>{tr("web.inbox.empty")}</li>}
        {q.data?.items.map((i) => {
          const href = subjectHref(source, i.subject);
          const open = () => {
            if (!i.read) read(i.id);
          };
          return (
            <li key={i.id} data-id={i.id} data-subject={i.subject?.type} class={i.read ? "read" : "unread"}>
              {href ? (
                <a href={href} onClick={open}>
                  <strong>{i.title}</strong>
                </a>
              ) : (
                <strong>{i.title}</strong>
              )}
              <p>{i.body}</p>
              <time dateTime={i.createdAt}>{fmtDateTime(i.createdAt)}</time>
              {!href && !i.read && (
                <button type="button" class="link" onClick={open}>
                  {tr("w.inbox.markRead")}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

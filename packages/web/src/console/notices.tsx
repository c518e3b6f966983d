import { can } from "@wuye/core/auth";
import {
  NOTICE_ACTION_PERMISSION,
  NOTICE_CATEGORIES,
  NOTICE_TRANSITIONS,
  NoticeDraftInputSchema,
  NoticeEditInputSchema,
  NoticeEmergencyInputSchema,
  NoticeReturnInputSchema,
  publishesAtOnce,
  type NoticeAction,
  type NoticeCategory,
  type NoticeStatus,
} from "@wuye/core/frontdesk";
import { useState } from "preact/hooks";
import type { NoticeView } from "../api/types.ts";
import { answer, ApiError, ifMatch } from "../lib/api.ts";
import { errorText, type FieldErrors, oneOf, serverErrors, validate } from "../lib/form.ts";
import { fmtDateTime, term, tr } from "../lib/i18n.ts";
import { invalidate, useQuery } from "../lib/query.ts";
import { staffApi, staffSession } from "../lib/session.ts";
import { Async, Badge, Card, ErrorBox, Select, TextArea, TextField } from "../ui/kit.tsx";
import { ResidentNotice } from "../ui/resident-notice.tsx";

export const NOTICE_TONE: Record<string, "ok" | "warn" | "bad" | "info" | "muted"> = {
  published: "ok",
  scheduled: "info",
  pending: "warn",
  returned: "bad",
  emergencyPending: "warn",
  draft: "muted",
  expired: "muted",
};

/** Notices to residents (物业服务信息告知): drafted, approved by the supervisor, then published. */
export function Notices() {
  const q = useQuery("notices", () => answer(staffApi.console.notices.$get({ query: { limit: "50" } })), { pollMs: 20_000 });
  return (
    <>
      <DraftForm />
      <Card title={tr("w.console.nav.notices")} id="notices">
        <Async q={q}>
          {(d) => (d.items.length ? d.items.map((n) => <NoticeRow key={n.id} n={n} />) : <p class="hint">{tr("w.portal.noNotices")}</p>)}
        </Async>
      </Card>
    </>
  );
}

function NoticeRow({ n }: { n: NoticeView }) {
  const status = shownStatus(n);
  return (
    <details class="notice" data-notice={n.id} data-status={n.status} open={status === "pending" || status === "emergencyPending"}>
      <summary>
        <Badge tone={NOTICE_TONE[n.status] ?? "muted"}>{term("notice.status", n.status)}</Badge> {n.title}{" "}
        <span class="hint">
          {n.categoryName} · {fmtDateTime(n.publishAt)}
        </span>{" "}
        <a href={`/console/notices/${n.id}`} data-open="notice">
          {tr("w.detail.open")}
        </a>
      </summary>
      {status === "pending" || status === "emergencyPending" ? (
        <section class="resident-preview" aria-label={tr("w.approve.asResidents")} data-preview="notice">
          <p class="hint">{tr("w.approve.asResidents")}</p>
          <ResidentNotice title={n.title} body={n.bodyForResidents} date={n.publishAt} open />
        </section>
      ) : (
        <p class="pre">{n.bodyForResidents}</p>
      )}
      <NoticeActions n={n} />
    </details>
  );
}

/** A scheduled notice acts as a published one. */
const shownStatus = (n: NoticeView) => (n.status === "scheduled" ? "published" : n.status) as NoticeStatus;

/** What the signed-in role may do with a notice in its state (core's transitions and permissions), with the edit form. */
export function NoticeActions({ n }: { n: NoticeView }) {
  const role = staffSession()!.staff.role;
  const [editing, setEditing] = useState(false);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const status = shownStatus(n);
  const actions = (Object.keys(NOTICE_TRANSITIONS[status] ?? {}) as NoticeAction[]).filter(
    (a): a is Exclude<NoticeAction, "edit"> => a !== "edit" && can(role, NOTICE_ACTION_PERMISSION[a]),
  );
  async function act(a: Exclude<NoticeAction, "edit">) {
    setError(null);
    if (a === "return") {
      const v = validate(NoticeReturnInputSchema, { comment });
      if (!v.ok) return setError(v.errors.comment ?? tr("w.form.required"));
    }
    const target = { param: { id: n.id }, header: { "if-match": ifMatch(n.version) } };
    const notice = staffApi.console.notices[":id"];
    try {
      await (a === "return" ? notice.return.$post({ ...target, json: { comment } }) : notice[a].$post({ ...target, json: {} }));
      invalidate("notices");
    } catch (err) {
      setError(err instanceof ApiError && err.status === 412 ? tr("w.req.stale") : errorText(err));
      invalidate("notices");
    }
  }
  return (
    <div class="no-print">
      {n.returnComment && <p class="error">{tr("w.notice.returned", { comment: n.returnComment })}</p>}
      {editing && <DraftForm notice={n} onDone={() => setEditing(false)} />}
      <div class="actions">
        {!editing && "edit" in (NOTICE_TRANSITIONS[status] ?? {}) && can(role, NOTICE_ACTION_PERMISSION.edit) && (
          <button type="button" class="secondary" data-action="edit" onClick={() => setEditing(true)}>
            {tr("w.notice.edit")}
          </button>
        )}
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            class={a === "return" || a === "expire" ? "secondary" : "primary"}
            data-action={a}
            onClick={() => void act(a)}
          >
            {tr(`w.notice.${a}` as "w.notice.submit")}
          </button>
        ))}
        {actions.includes("return") && (
          <input
            aria-label={tr("w.notice.comment")}
            placeholder={tr("w.notice.comment")}
            value={comment}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
        )}
      </div>
      <ErrorBox error={error} />
    </div>
  );
}

const localInput = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : "";

/** A new draft, or the edit of a draft or returned notice (If-Match: the version shown); an emergency by a manager goes out at once. */
function DraftForm({ notice, onDone }: { notice?: NoticeView; onDone?(): void }) {
  const role = staffSession()!.staff.role;
  const [open, setOpen] = useState(!!notice);
  const [title, setTitle] = useState(notice?.title ?? "");
  const [body, setBody] = useState(notice?.body ?? "");
  const [category, setCategory] = useState<NoticeCategory>(notice?.category ?? "services");
  const [publishAt, setPublishAt] = useState(localInput(notice?.publishAt ?? null));
  const [errors, setErrors] = useState<FieldErrors>({});
  if (!open) {
    return (
      <p>
        <button type="button" class="primary" id="new-notice" onClick={() => setOpen(true)}>
          {tr("w.notice.new")}
        </button>
      </p>
    );
  }
  const atOnce = !notice && publishesAtOnce(role, category);
  const close = () => {
    setOpen(!!notice);
    onDone?.();
  };
  async function submit(e: Event) {
    e.preventDefault();
    const input = { title, body, category, ...(publishAt && !atOnce ? { publishAt: new Date(publishAt).toISOString() } : {}) };
    const v = validate(
      atOnce ? NoticeEmergencyInputSchema : notice ? NoticeEditInputSchema : NoticeDraftInputSchema,
      atOnce ? { title, body } : input,
    );
    if (!v.ok) return setErrors(v.errors);
    try {
      if (notice)
        await staffApi.console.notices[":id"].$patch({
          param: { id: notice.id },
          header: { "if-match": ifMatch(notice.version) },
          json: input,
        });
      // A manager's emergency (停水停电) goes out at once through its own operation; the supervisor approves it afterwards.
      else if (atOnce) await staffApi.console.notices.emergency.$post({ json: { title, body } });
      else await staffApi.console.notices.$post({ json: input });
      invalidate("notices");
      setTitle("");
      setBody("");
      close();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        invalidate("notices");
        return setErrors({ "(body)": tr("w.req.stale") });
      }
      setErrors(serverErrors(err));
    }
  }
  const formId = notice ? `notice-edit-${notice.id}` : "notice";
  return (
    <form class="card notice-form" id={`${formId}-form`} onSubmit={submit} noValidate aria-labelledby={`${formId}-heading`}>
      <h2 id={`${formId}-heading`}>{notice ? tr("w.notice.edit") : tr("w.notice.new")}</h2>
      <TextField
        id={`${formId}-title`}
        label={tr("w.notice.title")}
        value={title}
        onValue={setTitle}
        error={errors.title}
        maxLength={100}
      />
      <Select
        id={`${formId}-category`}
        label={tr("w.form.category")}
        value={category}
        onValue={(v) => setCategory(oneOf(NOTICE_CATEGORIES, v, category))}
        options={NOTICE_CATEGORIES.map((c) => ({ value: c, label: term("notice.category", c) }))}
      />
      <TextArea
        id={`${formId}-body`}
        label={tr("w.notice.body")}
        value={body}
        onValue={setBody}
        error={errors.body}
        rows={5}
        maxLength={5000}
        hint={tr("w.notice.phonesAppended")}
      />
      {!atOnce && (
        <TextField
          id={`${formId}-publish`}
          label={`${tr("w.notice.publishAt")} ${tr("w.optional")}`}
          type="datetime-local"
          value={publishAt}
          onValue={setPublishAt}
          error={errors.publishAt}
        />
      )}
      {atOnce && (
        <p class="rule-banner refused" role="note" id="emergency-at-once">
          {tr("w.notice.atOnce")}
        </p>
      )}
      <ErrorBox error={errors["(body)"] ?? null} />
      <div class="actions">
        <button type="submit" class="primary">
          {notice ? tr("w.notice.saveEdit") : atOnce ? tr("w.notice.publishNow") : tr("w.notice.saveDraft")}
        </button>
        <button type="button" class="secondary" onClick={close}>
          {tr("w.close")}
        </button>
      </div>
    </form>
  );
}

import { ForumMeetingInputSchema, ForumReplyInputSchema } from "@wuye/core/frontdesk";
import { useState } from "preact/hooks";
import { answer } from "../../lib/api.ts";
import { type FieldErrors, serverErrors, validate } from "../../lib/form.ts";
import { fmtDateTime, tr } from "../../lib/i18n.ts";
import { invalidate, useQuery } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { Async, Badge, Card, ErrorBox, Select, TextArea, TextField } from "../../ui/kit.tsx";
import { useColleagues } from "../ownership/colleagues.ts";
import { Empty, FormActions, isoOf, useAction, usePlaces } from "./shared.tsx";

export type Meeting = Awaited<ReturnType<typeof listMeetings>>["data"]["items"][number];
const listMeetings = () => answer(staffApi.console.forum.meetings.$get());

/** 恳谈会: the minutes and every point raised, a reply to each, then published to residents. */
export function ForumPage() {
  const q = useQuery("forum", listMeetings, { pollMs: 60_000 });
  return (
    <>
      <MeetingForm />
      <Card title={tr("w.fd.forum.title")} id="forum">
        <Async q={q}>
          {(d) => (d.items.length ? d.items.map((m) => <MeetingCard key={m.id} m={m} />) : <Empty>{tr("w.fd.forum.none")}</Empty>)}
        </Async>
      </Card>
    </>
  );
}

function MeetingForm() {
  const { communities } = usePlaces();
  const [open, setOpen] = useState(false);
  const [heldAt, setHeldAt] = useState("");
  const [communityId, setCommunityId] = useState("");
  const [attendees, setAttendees] = useState("");
  const [minutes, setMinutes] = useState("");
  const [points, setPoints] = useState([{ text: "", raisedBy: "" }]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  if (!open)
    return (
      <p>
        <button type="button" class="primary" id="new-meeting" onClick={() => setOpen(true)}>
          {tr("w.fd.forum.new")}
        </button>
      </p>
    );
  async function submit(e: Event) {
    e.preventDefault();
    const body = {
      heldAt: isoOf(heldAt) ?? "",
      ...(communityId ? { communityId } : {}),
      attendees: Number(attendees || "0"),
      minutes,
      points: points.filter((p) => p.text.trim()).map((p) => ({ text: p.text, ...(p.raisedBy.trim() ? { raisedBy: p.raisedBy } : {}) })),
    };
    const v = validate(ForumMeetingInputSchema, body);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    setBusy(true);
    try {
      await staffApi.console.forum.meetings.$post({ json: body });
      invalidate("forum");
      setOpen(false);
      setMinutes("");
      setPoints([{ text: "", raisedBy: "" }]);
    } catch (err) {
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const setPoint = (i: number, patch: Partial<{ text: string; raisedBy: string }>) =>
    setPoints((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <form class="card" id="meeting-form" onSubmit={submit} noValidate aria-labelledby="meeting-form-title">
      <h2 id="meeting-form-title">{tr("w.fd.forum.new")}</h2>
      <div class="row">
        <TextField
          id="meeting-held"
          label={tr("w.fd.forum.heldAt")}
          type="datetime-local"
          value={heldAt}
          onValue={setHeldAt}
          error={errors.heldAt}
        />
        <TextField
          id="meeting-attendees"
          label={tr("w.fd.forum.attendees")}
          type="number"
          min={0}
          inputMode="numeric"
          value={attendees}
          onValue={setAttendees}
          error={errors.attendees}
        />
      </div>
      <Select
        id="meeting-community"
        label={`${tr("w.form.community")} ${tr("w.optional")}`}
        value={communityId}
        onValue={setCommunityId}
        placeholder={tr("w.fd.forum.wholeBranch")}
        options={communities.map((c) => ({ value: c.id, label: c.name }))}
      />
      <TextArea
        id="meeting-minutes"
        label={tr("w.fd.forum.minutes")}
        value={minutes}
        onValue={setMinutes}
        error={errors.minutes}
        rows={5}
        maxLength={10_000}
      />
      <fieldset>
        <legend>{tr("w.fd.forum.points")}</legend>
        {points.map((p, i) => (
          <div class="row" key={i} data-point={i}>
            <TextField
              id={`point-${i}`}
              label={tr("w.fd.forum.point", { n: i + 1 })}
              value={p.text}
              onValue={(text) => setPoint(i, { text })}
              error={errors[`points.${i}.text`]}
              maxLength={1000}
            />
            <TextField
              id={`point-by-${i}`}
              label={`${tr("w.fd.forum.raisedBy")} ${tr("w.optional")}`}
              value={p.raisedBy}
              onValue={(raisedBy) => setPoint(i, { raisedBy })}
              maxLength={60}
            />
          </div>
        ))}
        <button type="button" class="secondary" id="add-point" onClick={() => setPoints((ps) => [...ps, { text: "", raisedBy: "" }])}>
          {tr("w.fd.forum.addPoint")}
        </button>
        {errors.points && <p class="error">{errors.points}</p>}
      </fieldset>
      <FormActions error={errors["(body)"]} busy={busy} save={tr("w.fd.forum.save")} onClose={() => setOpen(false)} />
    </form>
  );
}

function MeetingCard({ m }: { m: Meeting }) {
  return (
    <article class="card" data-meeting={m.id} data-open={m.openPoints} data-published={String(!!m.publishedAt)}>
      <h3>
        <MeetingHeading m={m} />{" "}
        <a href={`/console/forum/${m.id}`} data-open="meeting">
          {tr("w.detail.open")}
        </a>
      </h3>
      <MeetingBody m={m} />
    </article>
  );
}

/** When, for whom, how many came, and whether it is published with every point answered. */
export function MeetingHeading({ m }: { m: Meeting }) {
  const { communities } = usePlaces();
  return (
    <>
      {fmtDateTime(m.heldAt)} · {communities.find((c) => c.id === m.communityId)?.name ?? tr("w.fd.forum.wholeBranch")} ·{" "}
      {tr("w.fd.forum.attendeesN", { n: m.attendees })}{" "}
      {m.publishedAt ? <Badge tone="ok">{tr("w.fd.forum.published")}</Badge> : <Badge tone="muted">{tr("w.fd.forum.unpublished")}</Badge>}{" "}
      {m.openPoints > 0 && <Badge tone="warn">{tr("w.fd.forum.open", { n: m.openPoints })}</Badge>}
    </>
  );
}

/** The minutes, each point with its reply (or the form to reply), and publishing to residents. */
export function MeetingBody({ m }: { m: Meeting }) {
  const { fullNameOf } = useColleagues();
  const publish = useAction();
  return (
    <>
      <p class="pre">{m.minutes}</p>
      {m.points.length > 0 && <h4>{tr("w.fd.forum.points")}</h4>}
      {m.points.map((p) => (
        <div class="point" key={p.id} data-point={p.id}>
          <div>
            {p.text} {p.raisedBy && <span class="hint">— {p.raisedBy}</span>}
          </div>
          {p.reply ? (
            <p class="reply">
              {p.reply}{" "}
              <span class="hint">
                ({fullNameOf(p.repliedBy)} · {fmtDateTime(p.repliedAt)})
              </span>
            </p>
          ) : (
            <>
              <ReplyForm meetingId={m.id} pointId={p.id} />
              <p class="reply print-only">{tr("w.fd.forum.noReplyYet")}</p>
            </>
          )}
        </div>
      ))}
      {!m.publishedAt && (
        <div class="actions no-print">
          <button
            type="button"
            class="primary"
            data-action="publish"
            disabled={publish.busy}
            onClick={() =>
              void publish
                .run(() => staffApi.console.forum.meetings[":id"].publish.$post({ param: { id: m.id }, json: {} }))
                .then(() => invalidate("forum"))
            }
          >
            {tr("w.fd.forum.publish")}
          </button>
          {m.openPoints > 0 && <span class="hint">{tr("w.fd.forum.publishOpen")}</span>}
        </div>
      )}
      <ErrorBox error={publish.error} />
    </>
  );
}

function ReplyForm({ meetingId, pointId }: { meetingId: string; pointId: string }) {
  const [reply, setReply] = useState("");
  const act = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    const v = validate(ForumReplyInputSchema, { reply });
    if (!v.ok) return act.setError(v.errors.reply ?? tr("w.form.required"));
    if (
      await act.run(() =>
        staffApi.console.forum.meetings[":id"].points[":pointId"].reply.$post({ param: { id: meetingId, pointId }, json: { reply } }),
      )
    )
      invalidate("forum");
  }
  return (
    <form class="inline reply-form no-print" onSubmit={submit} noValidate>
      <input
        aria-label={tr("w.fd.forum.reply")}
        placeholder={tr("w.fd.forum.reply")}
        value={reply}
        onInput={(e) => setReply(e.currentTarget.value)}
        maxLength={2000}
      />
      <button type="submit" class="secondary" disabled={act.busy}>
        {tr("w.fd.forum.send")}
      </button>
      <ErrorBox error={act.error} />
    </form>
  );
}

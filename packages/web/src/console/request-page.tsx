import { PAUSE_REASONS, type PauseReason } from "@wuye/core/deadline";
import type { RequestKind } from "@wuye/core/request";
import { isClosedStatus, isStepName, type StepName, workflowOf } from "@wuye/core/workflow";
import { useState } from "preact/hooks";
import type { RequestDetail, StepResult, WorkflowView } from "../api/types.ts";
import { answer, ApiError, extras, ifMatch, refine } from "../lib/api.ts";
import { errorText, oneOf } from "../lib/form.ts";
import { fmtDateTime, term, tr, yuan } from "../lib/i18n.ts";
import { placeLabel, useProfile } from "../lib/profile.ts";
import { invalidate, useQuery } from "../lib/query.ts";
import { staffApi, staffSession } from "../lib/session.ts";
import { Async, Badge, Card, ErrorBox } from "../ui/kit.tsx";
import { type MilestoneLike, Milestones } from "../ui/milestones.tsx";
import { HandOverCard } from "./ownership/handover-card.tsx";
import { OPEN_ITEMS_KEY } from "./ownership/open-items.tsx";
import { loadStaffPhoto } from "../lib/uploads.ts";
import { WorkOrderPhotos } from "../ui/photos.tsx";
import { ApprovalContext } from "./approval-context.tsx";
import { ReplyBox } from "./reply-box.tsx";
import { RequestMessages } from "./request-messages.tsx";
import { StepForm } from "./steps.tsx";

/** One request: record, milestones with countdowns and actions, workflow steps allowed now, reply, timeline. */
export function RequestPage({ id }: { id: string }) {
  const detail = useQuery(
    `req:${id}:detail`,
    (etag) => answer(staffApi.console.requests[":id"].$get({ param: { id } }, extras({ ifNoneMatch: etag }))).then(refine<RequestDetail>()),
    { pollMs: 8000, staleMs: 0 },
  );
  const workflow = useQuery(`req:${id}:workflow`, () => answer(staffApi.console.requests[":id"].workflow.$get({ param: { id } })), {
    pollMs: 8000,
    staleMs: 0,
  });
  const profile = useProfile(staffSession()?.staff.branch);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = (message?: string) => {
    setNotice(message ?? null);
    invalidate(`req:${id}:`);
    invalidate("register:");
    invalidate("dispatch-board");
    invalidate(OPEN_ITEMS_KEY);
  };
  return (
    <Async q={detail}>
      {(r) => (
        <div id="request" data-status={r.status} data-version={r.version}>
          <Card
            title={
              <>
                {term("kind", r.kind)} · <span class="code">{r.trackingCode}</span>
              </>
            }
          >
            <p>
              <Badge tone={r.urgency === "urgent" ? "bad" : "muted"}>{term("urgency", r.urgency)}</Badge>{" "}
              <strong id="request-state">{term("state", r.status)}</strong> · {term("channel", r.channel)} · {fmtDateTime(r.createdAt)}
            </p>
            <dl class="kv">
              <dt>{tr("w.form.description")}</dt>
              <dd class="pre">{r.description}</dd>
              <dt>{tr("w.form.name")}</dt>
              <dd>
                {r.contactName} · {r.contactPhone}
              </dd>
              <dt>{tr("w.form.where")}</dt>
              <dd>{r.unitLabel ?? placeLabel(profile.data, r)}</dd>
              {r.appointment && (
                <>
                  <dt>{tr("w.form.appointment")}</dt>
                  <dd>
                    {fmtDateTime(r.appointment.from)} – {fmtDateTime(r.appointment.to)}
                  </dd>
                </>
              )}
              {r.keyLeft && (
                <>
                  <dt>{tr("w.req.key")}</dt>
                  <dd>{tr("w.req.keyLeft")}</dd>
                </>
              )}
              {r.kind === "repair" && (
                <>
                  <dt>{tr("w.req.dispatchTitle")}</dt>
                  <dd id="dispatched-to">{dispatchedTo(r.events)}</dd>
                </>
              )}
              {r.satisfaction !== null && (
                <>
                  <dt>{tr("w.rate.score")}</dt>
                  <dd>
                    {"★".repeat(r.satisfaction)} {r.ratingComment}
                  </dd>
                </>
              )}
            </dl>
            {r.attachments.length > 0 && <WorkOrderPhotos items={r.attachments} load={loadStaffPhoto} />}
          </Card>
          {notice && (
            <p class="notice-box" role="status" id="request-notice">
              {notice}
            </p>
          )}
          <Card title={tr("w.ms.title")} id="milestones">
            <Milestones
              items={r.milestones}
              actions={(m) => <MilestoneActions requestId={id} version={r.version} m={m} onDone={refresh} />}
            />
          </Card>
          <Card title={tr("w.req.workflow")} id="workflow">
            <Async q={workflow}>{(w) => <WorkflowPanel request={r} w={w} profile={profile.data} onDone={refresh} />}</Async>
          </Card>
          <HandOverCard
            requestId={id}
            version={r.version}
            ownerId={r.ownerId}
            ownerByDuty={r.ownerByDuty}
            pending={workflow.data?.pendingHandOver ?? null}
            closed={isClosedStatus(r.status)}
            onDone={refresh}
          />
          <ReplyBox requestId={id} version={r.version} onSent={() => refresh()} />
          <RequestMessages id={id} />
          <Card title={tr("w.track.timeline")} id="events">
            <ol class="timeline">
              {[...r.events].reverse().map((e) => (
                <li key={e.id} data-type={e.type}>
                  <time dateTime={e.at}>{fmtDateTime(e.at)}</time> <strong>{eventLabel(e.type)}</strong>{" "}
                  {e.actorRole && <span class="hint">{term("role", e.actorRole)}</span>} <EventData data={e.data} />
                </li>
              ))}
            </ol>
          </Card>
        </div>
      )}
    </Async>
  );
}

/** Who the job was last dispatched to, and when (the dispatch event keeps the technician's name). */
function dispatchedTo(events: RequestDetail["events"]): string {
  const last = events.filter((e) => e.type === "workflow.dispatch").at(-1);
  if (!last) return tr("w.req.dispatchNone");
  const name = typeof last.data.technicianName === "string" ? last.data.technicianName : "—";
  return tr("w.req.dispatchedTo", { name, at: fmtDateTime(last.at) });
}

function eventLabel(type: string) {
  const [head, tail] = type.split(".");
  if ((head === "workflow" || head === "step") && tail) return term("step", type.slice(head.length + 1));
  const key = `w.ev.${type}`;
  const text = tr(key as "w.ev.request.created");
  return text === key ? tr("w.ev.other") : text;
}

function EventData({ data }: { data: Record<string, unknown> }) {
  const text =
    typeof data.text === "string"
      ? data.text
      : typeof data.reason === "string"
        ? data.reason
        : typeof data.note === "string"
          ? data.note
          : null;
  const fen = typeof data.totalFen === "number" ? data.totalFen : typeof data.amountFen === "number" ? data.amountFen : null;
  return (
    <span class="hint">
      {text && `“${text}”`} {fen !== null && yuan(fen)} {typeof data.milestone === "string" && term("milestone", data.milestone)}
    </span>
  );
}

/** Steps the resident takes in the portal; staff may record them on the resident's behalf (phone, counter). */
const forResident = (kind: RequestKind, step: string) => "resident" in (workflowOf(kind).machine.steps[step]?.by ?? {});

function WorkflowPanel({
  request,
  w,
  profile,
  onDone,
}: {
  request: RequestDetail;
  w: WorkflowView;
  profile: import("../api/types.ts").BranchProfile | undefined;
  onDone(message?: string): void;
}) {
  const { id: requestId, kind } = request;
  const [open, setOpen] = useState<StepName | null>(null);
  const steps = w.allowedActions.filter(isStepName);
  const rec = w.record as { number?: string; quotes?: Array<{ totalFen: number }>; work?: { totalFen: number }; technicianId?: string };
  return (
    <>
      <p>
        {tr("w.track.state")}: <strong>{term("state", w.status)}</strong>
        {rec.number && <span class="hint"> · {tr("w.wo.number", { n: rec.number })}</span>}
        {rec.quotes?.length ? (
          <span class="hint">
            {" "}
            · {tr("w.wo.quote")} {yuan(rec.quotes.at(-1)!.totalFen)}
          </span>
        ) : null}
      </p>
      {steps.length === 0 ? (
        <p class="hint" id="no-actions">
          {tr("w.req.noActions")}
        </p>
      ) : (
        <div class="actions" id="step-buttons">
          {steps.map((a) => (
            <button
              key={a}
              type="button"
              data-action={a}
              aria-expanded={open === a}
              class={open === a ? "primary" : ""}
              onClick={() => setOpen(open === a ? null : a)}
            >
              {term("step", a)}
              {forResident(kind, a) && <span class="hint"> {tr("w.req.forResident")}</span>}
            </button>
          ))}
        </div>
      )}
      {open && steps.includes(open) && (
        <StepForm
          key={`${open}-${w.version}`}
          requestId={requestId}
          kind={kind}
          step={open}
          version={w.version}
          record={w.record}
          profile={profile}
          context={<ApprovalContext step={open} record={w.record} request={request} />}
          onDone={(_r: StepResult | null, message?: string) => {
            setOpen(null);
            onDone(message);
          }}
        />
      )}
    </>
  );
}

function MilestoneActions({
  requestId,
  version,
  m,
  onDone,
}: {
  requestId: string;
  version: number;
  m: MilestoneLike;
  onDone(message?: string): void;
}) {
  const [form, setForm] = useState<"pause" | "breach-reason" | null>(null);
  const [reason, setReason] = useState<PauseReason>(PAUSE_REASONS[0]);
  const [text, setText] = useState("");
  const [error, setError] = useState<unknown>(null);
  if (!m.id || m.status === "met" || m.status === "cancelled") return null;
  const overdue = !!m.breachedAt || (m.dueAt !== null && Date.parse(m.dueAt) < Date.now());
  const milestone = staffApi.console.requests[":id"].milestones[":milestoneId"];
  const target = { param: { id: requestId, milestoneId: m.id }, header: { "if-match": ifMatch(version) } };
  async function act(request: () => Promise<unknown>) {
    setError(null);
    try {
      await request();
      setForm(null);
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) onDone(tr("w.req.stale"));
      else setError(errorText(err));
    }
  }
  return (
    <div class="ms-actions">
      <div class="actions">
        <button
          type="button"
          class="small"
          data-ms-action="met"
          onClick={() => void act(() => milestone.met.$post({ ...target, json: {} }))}
        >
          {tr("w.msa.met")}
        </button>
        {m.status === "open" && (
          <button type="button" class="small" data-ms-action="pause" onClick={() => setForm(form === "pause" ? null : "pause")}>
            {tr("w.msa.pause")}
          </button>
        )}
        {m.status === "paused" && (
          <button
            type="button"
            class="small"
            data-ms-action="resume"
            onClick={() => void act(() => milestone.resume.$post({ ...target, json: {} }))}
          >
            {tr("w.msa.resume")}
          </button>
        )}
        {overdue && (
          <button
            type="button"
            class="small"
            data-ms-action="breach-reason"
            onClick={() => setForm(form === "breach-reason" ? null : "breach-reason")}
          >
            {tr("w.msa.breach")}
          </button>
        )}
      </div>
      {form === "pause" && (
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => milestone.pause.$post({ ...target, json: { reason, ...(text.trim() ? { note: text.trim() } : {}) } }));
          }}
        >
          <label class="sr-only" for={`pr-${m.id}`}>
            {tr("w.msa.reason")}
          </label>
          <select id={`pr-${m.id}`} value={reason} onChange={(e) => setReason(oneOf(PAUSE_REASONS, e.currentTarget.value, reason))}>
            {PAUSE_REASONS.map((p) => (
              <option key={p} value={p}>
                {tr(`w.pause.${p}` as "w.pause.other")}
              </option>
            ))}
          </select>
          <input
            aria-label={tr("w.step.noteOptional")}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            placeholder={tr("w.step.noteOptional")}
          />
          <button type="submit" class="small primary">
            {tr("w.msa.pause")}
          </button>
        </form>
      )}
      {form === "breach-reason" && (
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => milestone["breach-reason"].$post({ ...target, json: { reason: text } }));
          }}
        >
          <input
            aria-label={tr("w.msa.reason")}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            placeholder={tr("w.msa.reason")}
            required
            minLength={2}
          />
          <button type="submit" class="small primary">
            {tr("w.msa.save")}
          </button>
        </form>
      )}
      <ErrorBox error={error} />
    </div>
  );
}

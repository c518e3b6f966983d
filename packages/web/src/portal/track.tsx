import { isResidentStep, type ResidentStep, stepChoices, workflowOf } from "@wuye/core/workflow";
import { useState } from "preact/hooks";
import type { ResidentRecord, TrackingView } from "../api/types.ts";
import { answer, ApiError, api, extras, refine } from "../lib/api.ts";
import { errorText, type FieldErrors, serverErrors, validate } from "../lib/form.ts";
import { fmtDateTime, term, tr, yuan } from "../lib/i18n.ts";
import { invalidate, useQuery } from "../lib/query.ts";
import { uploadPortalPhoto } from "../lib/uploads.ts";
import { Async, Badge, Card, ErrorBox, Select, TextArea, TextField } from "../ui/kit.tsx";
import { Milestones } from "../ui/milestones.tsx";
import { WorkOrderPhotos } from "../ui/photos.tsx";
import { type SignatureImage, SignatureField } from "../ui/signature.tsx";

/** The resident's words for each condition of a deferred acceptance (the choices are the step schema's). */
const CONDITION_TEXT = { "next-rain": "w.step.nextRain", "water-flows": "w.step.waterFlows" } as const;

const DONE = new Set(["completed", "closed", "awaitingPayment", "handled", "visited", "summarized", "archived", "cancelled"]);

/**
 * The tracking page: milestones (due / met / paused) and the timeline, refreshed every few seconds. Each poll sends
 * the last ETag as If-None-Match; the API answers 304 while nothing visible changed and the cache keeps its data.
 */
export function Track({ branch, code }: { branch: string; code: string }) {
  const key = `track:${code}`;
  const q = useQuery(
    key,
    (etag) =>
      answer(
        api.public.requests[":trackingCode"].$get({ param: { trackingCode: encodeURIComponent(code) } }, extras({ ifNoneMatch: etag })),
      ).then(refine<TrackingView>()),
    { pollMs: 4000, staleMs: 0 },
  );
  const fresh = new URLSearchParams(location.search).has("new");
  return (
    <Async q={q}>
      {(v) => (
        <div id="tracking" data-status={v.status}>
          {fresh && (
            <div class="success" role="status">
              <strong>{tr("w.track.submitted")}</strong>
              <p>{tr("w.track.keepCode")}</p>
            </div>
          )}
          <Card title={tr("w.track.title")}>
            <p class="code" id="tracking-code">
              {v.trackingCode}
            </p>
            <p>
              {term("kind", v.kind)} · <Badge tone={v.urgency === "urgent" ? "bad" : "muted"}>{term("urgency", v.urgency)}</Badge> ·{" "}
              {fmtDateTime(v.createdAt)}
            </p>
            <p>
              {tr("w.track.state")}: <strong id="workflow-state">{v.workflow.state}</strong>
            </p>
            <p class="hint live" aria-live="polite">
              {tr("w.track.live")}
            </p>
          </Card>
          {v.visit && (
            <Card title={tr("w.track.visit")} id="visit">
              <dl class="kv">
                <dt>{tr("w.track.technician")}</dt>
                <dd id="visit-technician">{v.visit.technician ?? "—"}</dd>
                <dt>{tr("w.track.appointment")}</dt>
                <dd id="visit-appointment">
                  {v.visit.appointment
                    ? `${fmtDateTime(v.visit.appointment.from)} – ${fmtDateTime(v.visit.appointment.to)}`
                    : tr("w.jobs.noAppointment")}
                </dd>
                <dt>{tr("w.track.key")}</dt>
                <dd id="visit-key">{v.visit.keyLeft ? tr("w.jobs.keyLeft") : tr("w.jobs.noKey")}</dd>
              </dl>
            </Card>
          )}
          <Card title={tr("w.ms.title")} id="milestones">
            <Milestones items={v.milestones} />
          </Card>
          <RecordView record={v.workflow.record} />
          {v.attachments.length > 0 && (
            <Card title={tr("w.photos.title")} id="tracking-photos">
              <WorkOrderPhotos items={v.attachments} />
            </Card>
          )}
          {v.workflow.residentActions.some((a) => a !== FOLLOW_UP) && <ResidentActions view={v} onDone={() => invalidate(key)} />}
          <Card title={tr("w.track.timeline")} id="timeline">
            <ol class="timeline">
              {[...v.timeline].reverse().map((e, i) => (
                <li key={i} data-type={e.type}>
                  <time dateTime={e.at}>{fmtDateTime(e.at)}</time> <span>{e.note}</span>
                </li>
              ))}
            </ol>
          </Card>
          {(DONE.has(v.status) || v.workflow.residentActions.includes(FOLLOW_UP) || rated(v)) && (
            <Rating code={v.trackingCode} rated={rated(v)} onDone={() => invalidate(key)} />
          )}
          <p class="hint">{tr("w.track.help", { phone: v.branch.servicePhone })}</p>
          <p>
            <a href={`/b/${branch}`}>{tr("w.back")}</a>
          </p>
        </div>
      )}
    </Async>
  );
}

function lineName(n: unknown): string {
  if (!n) return "";
  if (typeof n === "string") return n;
  const names = n as Record<string, string>;
  return names[document.documentElement.lang] ?? names["zh-CN"] ?? "";
}

function RecordView({ record }: { record: ResidentRecord }) {
  if (!record || !Object.keys(record).length) return null;
  const q = record.quote;
  return (
    <Card title={tr("w.wo.title")} id="work-order">
      {record.number && <p>{tr("w.wo.number", { n: record.number })}</p>}
      {record.item && <p>{tr("w.wo.item", { item: lineName(record.item.name) })}</p>}
      {record.priceDecision && (
        <p>
          {record.priceDecision.feasible
            ? tr("w.wo.priceDecided", { price: yuan(record.priceDecision.priceFen) })
            : tr("w.wo.referred", { referral: record.priceDecision.referral ?? "" })}
        </p>
      )}
      {q && (
        <div class="quote" id="quote">
          <h3>{q.warranty ? tr("w.wo.quoteWarranty") : tr("w.wo.quote")}</h3>
          <table>
            <tbody>
              {q.lines.map((l, i) => (
                <tr key={i}>
                  <td>{lineName(l.name) || l.code}</td>
                  <td class="num">×{l.qty}</td>
                  <td class="num">{yuan((l.labourFen ?? 0) + (l.materialFen ?? 0))}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {tr("w.wo.total")}
                </th>
                <td class="num" id="quote-total">
                  {yuan(q.totalFen)}
                </td>
              </tr>
            </tfoot>
          </table>
          {q.decided !== null && <p>{q.decided ? tr("w.wo.quoteAccepted") : tr("w.wo.quoteRefused")}</p>}
        </div>
      )}
      {record.amountFen !== null && record.amountFen !== undefined && <p>{tr("w.wo.amount", { amount: yuan(record.amountFen) })}</p>}
      {record.accepted && <p>{record.paid ? tr("w.wo.paid") : tr("w.wo.accepted")}</p>}
    </Card>
  );
}

/** A repair's follow-up (回访) is the resident's rating: the rating card performs it. */
const FOLLOW_UP = "follow-up";
const RATED = new Set(["rating.given", "workflow.follow-up"]);
const rated = (v: TrackingView) => v.timeline.some((e) => RATED.has(e.type));

/** The form each resident step needs; validated with the step's own zod schema from @wuye/core. */
const RESIDENT_FORMS: Record<string, { fields: Array<"note" | "reason" | "condition" | "signature">; tone: "primary" | "danger" }> = {
  "approve-price": { fields: ["note"], tone: "primary" },
  "decline-price": { fields: ["reason"], tone: "danger" },
  "accept-quote": { fields: ["note"], tone: "primary" },
  "refuse-quote": { fields: ["reason"], tone: "danger" },
  "defer-acceptance": { fields: ["condition", "note"], tone: "primary" },
  "confirm-completion": { fields: ["signature", "note"], tone: "primary" },
  "return-work": { fields: ["reason"], tone: "danger" },
  withdraw: { fields: ["reason"], tone: "danger" },
};

function ResidentActions({ view, onDone }: { view: TrackingView; onDone(): void }) {
  const [open, setOpen] = useState<ResidentStep | null>(null);
  return (
    <Card title={tr("w.track.yourTurn")} id="resident-actions">
      <div class="actions">
        {view.workflow.residentActions
          .filter(isResidentStep)
          .filter((a) => a !== FOLLOW_UP)
          .map((a) => (
            <button
              key={a}
              type="button"
              data-action={a}
              class={RESIDENT_FORMS[a]?.tone === "danger" ? "secondary" : "primary"}
              aria-expanded={open === a}
              onClick={() => setOpen(open === a ? null : a)}
            >
              {term("step", a)}
            </button>
          ))}
      </div>
      {open && (
        <ResidentStepForm
          key={open}
          view={view}
          action={open}
          onDone={() => {
            setOpen(null);
            onDone();
          }}
        />
      )}
    </Card>
  );
}

function ResidentStepForm({ view, action, onDone }: { view: TrackingView; action: ResidentStep; onDone(): void }) {
  const form = RESIDENT_FORMS[action] ?? { fields: ["note"], tone: "primary" };
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [condition, setCondition] = useState("next-rain");
  const [signature, setSignature] = useState("");
  const [drawn, setDrawn] = useState<SignatureImage>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const amountFen = view.workflow.record.amountFen ?? 0;

  async function submit(e: Event) {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    if (form.fields.includes("note") && note.trim()) body.note = note;
    if (form.fields.includes("reason")) body.reason = reason;
    if (form.fields.includes("condition")) body.condition = condition;
    if (form.fields.includes("signature")) Object.assign(body, { signature, amountFen });
    const schema = workflowOf(view.kind).steps[action]?.input;
    const v = schema ? validate(schema, body) : ({ ok: true } as const);
    if (!v.ok) return setErrors(v.errors);
    if (form.fields.includes("signature") && !drawn) return setErrors({ signatureId: tr("w.sign.empty") });
    setBusy(true);
    try {
      // The drawn signature is uploaded like a photo; the step attaches it to the work order.
      if (drawn) body.signatureId = (await uploadPortalPhoto(view.branch.slug, drawn)).id;
      await api.public.requests[":trackingCode"].actions[action].$post({
        param: { trackingCode: encodeURIComponent(view.trackingCode) },
        json: body,
      });
      onDone();
    } catch (err) {
      setErrors(err instanceof ApiError && err.status === 409 ? { "(body)": tr("w.track.changed") } : serverErrors(err));
      if (err instanceof ApiError && err.status === 409) onDone();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="step-form" onSubmit={submit} noValidate data-step={action}>
      {action === "confirm-completion" && <p>{tr("w.track.confirmAmount", { amount: yuan(amountFen) })}</p>}
      {form.fields.includes("condition") && (
        <Select
          id="step-condition"
          label={tr("w.step.condition")}
          value={condition}
          onValue={setCondition}
          options={stepChoices(workflowOf("repair").steps["defer-acceptance"]?.input, "condition").map((c) => ({
            value: c,
            label: tr(CONDITION_TEXT[c as keyof typeof CONDITION_TEXT] ?? "w.step.waterFlows"),
          }))}
        />
      )}
      {form.fields.includes("signature") && (
        <>
          <SignatureField
            onChange={(image) => {
              setDrawn(image);
              if (image) setErrors(({ signatureId: _, ...rest }) => rest);
            }}
            error={errors.signatureId}
          />
          <TextField
            id="step-signature"
            label={tr("w.sign.name")}
            value={signature}
            onValue={setSignature}
            error={errors.signature}
            maxLength={40}
          />
        </>
      )}
      {form.fields.includes("reason") && (
        <TextArea
          id="step-reason"
          label={tr("w.step.reason")}
          value={reason}
          onValue={setReason}
          error={errors.reason}
          rows={2}
          maxLength={500}
        />
      )}
      {form.fields.includes("note") && (
        <TextArea
          id="step-note"
          label={tr("w.step.noteOptional")}
          value={note}
          onValue={setNote}
          error={errors.note}
          rows={2}
          maxLength={500}
        />
      )}
      <ErrorBox error={errors["(body)"] ?? errors.amountFen ?? null} />
      <button type="submit" class={form.tone === "danger" ? "danger" : "primary"} disabled={busy}>
        {tr("w.step.confirm", { step: term("step", action) })}
      </button>
    </form>
  );
}

function Rating({ code, rated, onDone }: { code: string; rated: boolean; onDone(): void }) {
  const [score, setScore] = useState(0);
  const [satisfied, setSatisfied] = useState<boolean | null>(null);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(rated);
  if (done)
    return (
      <Card title={tr("w.rate.title")} id="rating">
        <p role="status">{tr("timeline.rated")}</p>
      </Card>
    );
  async function submit(e: Event) {
    e.preventDefault();
    if (score < 1 || score > 5) return setError(tr("w.rate.pick"));
    if ((satisfied ?? score >= 3) === false && !comment.trim()) return setError(tr("w.rate.why"));
    try {
      await api.public.requests[":trackingCode"].rating.$post({
        param: { trackingCode: encodeURIComponent(code) },
        json: { score, ...(satisfied !== null ? { satisfied } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) },
      });
      setDone(true);
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setDone(true);
      else setError(errorText(err));
    }
  }
  return (
    <Card title={tr("w.rate.title")} id="rating">
      <form onSubmit={submit}>
        <fieldset class="stars">
          <legend>{tr("w.rate.score")}</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} class={n <= score ? "on" : ""}>
              <input type="radio" name="score" value={n} checked={score === n} onChange={() => setScore(n)} />
              <span aria-hidden="true">★</span>
              <span class="sr-only">{tr("w.rate.n", { n })}</span>
            </label>
          ))}
        </fieldset>
        <fieldset class="choice">
          <legend>{tr("w.rate.satisfied")}</legend>
          {[true, false].map((yes) => (
            <label key={String(yes)}>
              <input type="radio" name="satisfied" checked={satisfied === yes} onChange={() => setSatisfied(yes)} />{" "}
              {tr(yes ? "w.rate.yes" : "w.rate.no")}
            </label>
          ))}
        </fieldset>
        <TextArea id="rating-comment" label={tr("w.rate.comment")} value={comment} onValue={setComment} rows={2} maxLength={500} />
        <ErrorBox error={error} />
        <button type="submit" class="primary">
          {tr("w.rate.submit")}
        </button>
      </form>
    </Card>
  );
}

import { type StepName, stepChoices, workflowOf } from "@wuye/core/workflow";
import type { RequestKind } from "@wuye/core/request";
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { BranchProfile, StepResult } from "../api/types.ts";
import { answer, ApiError, ifMatch } from "../lib/api.ts";
import { errorAt, type FieldErrors, serverErrors, validate } from "../lib/form.ts";
import { term, tr, yuan } from "../lib/i18n.ts";
import { useQuery } from "../lib/query.ts";
import { hasRole, staffApi } from "../lib/session.ts";
import { ErrorBox, Field, Select, TextArea, TextField } from "../ui/kit.tsx";
import { uploadStaffPhoto } from "../lib/uploads.ts";
import { PhotoUpload, type PhotoUploads } from "../ui/photo-upload.tsx";
import { SignatureField } from "../ui/signature.tsx";
import { loadDispatchBoard, technicianOption } from "./dispatch.tsx";

type Kind =
  | "text"
  | "textarea"
  | "yuan"
  | "int"
  | "bool"
  | "select"
  | "datetime"
  | "technician"
  | "priceItem"
  | "lines"
  | "materials"
  | "override"
  | "photos"
  | "signature";
/** A field of a step's form; a select's choices are the step schema's own (core `stepChoices`). */
interface Spec {
  name: string;
  kind: Kind;
  optional?: boolean;
}

/** The plain inputs, by kind: their input type and what the label adds. */
const INPUTS: Partial<
  Record<Kind, { type?: string; inputMode?: "decimal" | "numeric"; step?: string; min?: string; max?: string; suffix?: string }>
> = {
  text: {},
  yuan: { type: "number", inputMode: "decimal", step: "0.01", min: "0", suffix: "(¥)" },
  int: { type: "number", inputMode: "numeric", min: "1", max: "5" },
  datetime: { type: "datetime-local" },
};

const note: Spec = { name: "note", kind: "textarea", optional: true };
const reason: Spec = { name: "reason", kind: "textarea" };
const followUp: Spec[] = [
  { name: "channel", kind: "select" },
  { name: "satisfied", kind: "bool" },
  { name: "score", kind: "int", optional: true },
  { name: "comment", kind: "textarea", optional: true },
  { name: "lesson", kind: "textarea", optional: true },
  { name: "department", kind: "text", optional: true },
];

/** The small form of each workflow step; the body is validated by the step's own zod schema from @wuye/core. */
export const STEP_FORMS: Record<string, Spec[]> = {
  "refer-for-review": [{ name: "item", kind: "text" }],
  review: [
    { name: "feasible", kind: "bool" },
    { name: "priceFen", kind: "yuan", optional: true },
    { name: "note", kind: "textarea" },
    { name: "referral", kind: "textarea", optional: true },
  ],
  "approve-price": [note],
  "decline-price": [reason],
  dispatch: [
    { name: "technicianId", kind: "technician", optional: true },
    { name: "itemCode", kind: "priceItem", optional: true },
    { name: "appointment.from", kind: "datetime", optional: true },
    { name: "appointment.to", kind: "datetime", optional: true },
    { name: "keyLeft", kind: "bool", optional: true },
  ],
  arrive: [
    { name: "photos", kind: "photos", optional: true },
    { name: "correction.itemCode", kind: "priceItem", optional: true },
    { name: "correction.reason", kind: "textarea", optional: true },
  ],
  quote: [{ name: "lines", kind: "lines" }],
  "accept-quote": [note],
  "refuse-quote": [reason],
  "sign-refusal": [note],
  "approve-refusal": [note],
  "check-materials": [
    { name: "material", kind: "text" },
    { name: "result", kind: "select" },
    { name: "residentWarned", kind: "bool" },
    note,
  ],
  "complete-work": [
    { name: "workDone", kind: "textarea" },
    { name: "materials", kind: "materials" },
    { name: "photos", kind: "photos", optional: true },
  ],
  "defer-acceptance": [{ name: "condition", kind: "select" }, note],
  "confirm-completion": [
    { name: "amountFen", kind: "yuan" },
    { name: "signatureId", kind: "signature" },
    { name: "signature", kind: "text" },
    note,
  ],
  "return-work": [reason],
  "record-payment": [
    { name: "amountFen", kind: "yuan" },
    { name: "method", kind: "select" },
    { name: "receiptNo", kind: "text" },
  ],
  "follow-up": followUp,
  visit: [...followUp, { name: "apologised", kind: "bool" }],
  withdraw: [reason],
  classify: [
    { name: "nature", kind: "select" },
    { name: "communicativeType", kind: "select", optional: true },
    { name: "content", kind: "select" },
    { name: "reasonable", kind: "bool" },
    { name: "demand", kind: "textarea" },
  ],
  investigate: [
    { name: "findings", kind: "textarea" },
    { name: "rootCause", kind: "textarea" },
  ],
  "assign-responsibility": [
    { name: "department", kind: "text" },
    { name: "person", kind: "text", optional: true },
    { name: "plan", kind: "textarea" },
  ],
  handle: [
    { name: "actions", kind: "textarea" },
    { name: "residentOpinion", kind: "textarea" },
    { name: "residentSigned", kind: "bool" },
  ],
  summarize: ["cause", "process", "correctiveAction", "preventiveAction", "lesson"]
    .map((name) => ({ name, kind: "textarea" as const }))
    .concat([{ name: "department", kind: "text" as never }]),
  archive: [note],
  "draft-reply": [
    { name: "text", kind: "textarea" },
    { name: "override", kind: "override" },
  ],
  "approve-reply": [note],
  "return-reply": [{ name: "comment", kind: "textarea" }],
  escalate: [
    { name: "severity", kind: "select" },
    { name: "incidentReport", kind: "textarea" },
  ],
  progress: [
    { name: "text", kind: "textarea" },
    { name: "expectedBy", kind: "datetime", optional: true },
    { name: "override", kind: "override" },
  ],
  answer: [
    { name: "text", kind: "textarea" },
    { name: "override", kind: "override" },
  ],
  "promise-callback": [
    { name: "at", kind: "datetime" },
    { name: "text", kind: "textarea" },
    { name: "override", kind: "override" },
  ],
};

type Values = Record<string, unknown>;

function setPath(obj: Values, path: string, value: unknown) {
  const parts = path.split(".");
  let o = obj;
  for (const p of parts.slice(0, -1)) {
    o[p] ??= {};
    o = o[p] as Values;
  }
  o[parts.at(-1)!] = value;
}

/** Turns what was typed into the step's input: yuan → fen, dates → ISO, empty optional fields left out. */
function bodyOf(step: string, specs: Spec[], v: Values): Values {
  const body: Values = {};
  for (const s of specs) {
    const raw = v[s.name];
    if (s.kind === "override") {
      if (typeof raw === "string" && raw.trim()) body.override = { reason: raw.trim() };
      continue;
    }
    if (s.kind === "bool") {
      setPath(body, s.name, raw === true);
      continue;
    }
    if (s.kind === "lines" || s.kind === "materials") {
      setPath(body, s.name, raw ?? []);
      continue;
    }
    if (s.kind === "photos") {
      const ids = (raw as PhotoUploads | undefined)?.ids ?? [];
      if (ids.length) setPath(body, s.name, ids);
      continue;
    }
    if (s.kind === "signature") continue; // uploaded on submit, then sent as its id
    if (raw === undefined || raw === "") {
      if (!s.optional) setPath(body, s.name, s.kind === "yuan" || s.kind === "int" ? undefined : "");
      continue;
    }
    if (s.kind === "yuan") setPath(body, s.name, Math.round(Number(raw) * 100));
    else if (s.kind === "int") setPath(body, s.name, Number(raw));
    else if (s.kind === "datetime") setPath(body, s.name, new Date(String(raw)).toISOString());
    else setPath(body, s.name, raw);
  }
  if (step === "arrive") {
    const photos = body.photos ? { photos: body.photos } : {};
    return (body.correction as Values | undefined)?.itemCode ? { correction: body.correction, ...photos } : { confirmed: true, ...photos };
  }
  return body;
}

function defaults(step: string, record: Record<string, unknown>): Values {
  const r = record as { work?: { totalFen?: number }; acceptance?: { amountFen?: number }; item?: { code?: string } };
  if (step === "confirm-completion" && r.work?.totalFen !== undefined) return { amountFen: (r.work.totalFen / 100).toFixed(2) };
  if (step === "record-payment" && r.acceptance?.amountFen !== undefined)
    return { amountFen: (r.acceptance.amountFen / 100).toFixed(2), method: "cash" };
  if (step === "quote" && r.item?.code) return { lines: [{ code: r.item.code, qty: 1 }] };
  if (step === "visit") return { apologised: true, channel: "phone", satisfied: true };
  if (step === "follow-up") return { channel: "phone", satisfied: true };
  return {};
}

const label = (step: string, name: string) =>
  (name === "signature" ? tr("w.sign.name") : tr(`w.f.${name.replace("correction.", "correction_")}` as "w.f.note")) +
  (STEP_FORMS[step]?.find((s) => s.name === name)?.optional ? ` ${tr("w.optional")}` : "");

export function StepForm({
  requestId,
  kind,
  step,
  version,
  record,
  profile,
  context,
  onDone,
}: {
  requestId: string;
  kind: RequestKind;
  step: StepName;
  version: number;
  record: Record<string, unknown>;
  profile: BranchProfile | undefined;
  /** What the decision is about (the draft being approved, the item being reviewed), shown above the fields. */
  context?: ComponentChildren;
  onDone(result: StepResult | null, message?: string): void;
}) {
  const specs = STEP_FORMS[step] ?? [note];
  const schema = workflowOf(kind).steps[step]?.input;
  const [values, setValues] = useState<Values>(() => defaults(step, record));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const needsTechs = specs.some((s) => s.kind === "technician");
  const board = useQuery(needsTechs ? "dispatch-board" : null, loadDispatchBoard);
  const set = (name: string, value: unknown) => setValues((v) => ({ ...v, [name]: value }));
  const canOverride = hasRole("serviceSupervisor", "branchManager");
  const priceOptions = (profile?.priceList ?? []).map((p) => ({
    value: p.code,
    label: `${p.name}(${yuan(p.labourFen + p.materialFen)}/${term("unit", p.unit)})`,
  }));

  async function submit(e: Event) {
    e.preventDefault();
    const body = bodyOf(step, specs, values);
    if (schema) {
      const v = validate(schema, body);
      if (!v.ok) return setErrors(v.errors);
    }
    const signing = specs.find((s) => s.kind === "signature");
    if (signing && !values[signing.name]) return setErrors({ [signing.name]: tr("w.sign.empty") });
    if (specs.some((s) => s.kind === "photos" && (values[s.name] as PhotoUploads | undefined)?.busy))
      return setErrors({ photos: tr("w.photo.wait") });
    setBusy(true);
    try {
      // The drawn signature is uploaded like a photo; the step attaches it to the work order.
      if (signing) body[signing.name] = (await uploadStaffPhoto(values[signing.name] as Blob)).id;
      const { data } = await answer(
        staffApi.console.requests[":id"].actions[step].$post({
          param: { id: requestId },
          header: { "if-match": ifMatch(version) },
          json: body,
        }),
      );
      onDone(data);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 412 || err.status === 409))
        onDone(null, err.status === 412 ? tr("w.req.stale") : tr("w.req.notNow"));
      else if (err instanceof ApiError && err.status === 422)
        setErrors({
          "(body)": tr("w.reply.blocked"),
          ...(err.problem?.hits ? { text: err.problem.hits.map((h) => `“${h.phrase}” → ${h.suggestions[0] ?? ""}`).join(";") } : {}),
        });
      else setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }

  const err = (name: string) => errorAt(errors, name);
  return (
    <form class="step-form" onSubmit={submit} noValidate data-step={step} aria-label={term("step", step)}>
      <h3>{term("step", step)}</h3>
      {context}
      {step === "arrive" && <p class="hint">{tr("w.req.arriveHint")}</p>}
      {specs.map((s) => {
        const id = `step-${s.name.replace(".", "-")}`;
        const value = values[s.name];
        const field = {
          id,
          label: label(step, s.name),
          value: String(value ?? ""),
          onValue: (v: string) => set(s.name, v),
          error: err(s.name),
        };
        const input = INPUTS[s.kind];
        if (input) {
          const { suffix, ...attrs } = input;
          return <TextField key={s.name} {...field} {...attrs} label={`${field.label}${suffix ?? ""}`} />;
        }
        switch (s.kind) {
          case "textarea":
            return <TextArea key={s.name} {...field} rows={2} />;
          case "bool":
            return (
              <label key={s.name} class="check">
                <input type="checkbox" id={id} checked={value === true} onChange={(e) => set(s.name, e.currentTarget.checked)} />{" "}
                {field.label}
                {field.error && <small class="error">{field.error}</small>}
              </label>
            );
          case "select":
            return (
              <Select
                key={s.name}
                {...field}
                placeholder={tr("w.form.choose")}
                options={stepChoices(schema, s.name).map((o) => ({ value: o, label: tr(`w.opt.${o}` as "w.opt.pass") }))}
              />
            );
          case "technician":
            return (
              <Select
                key={s.name}
                {...field}
                placeholder={tr("w.req.autoTech")}
                options={board.data ? board.data.technicians.map((t) => technicianOption(board.data!, t)) : []}
              />
            );
          case "priceItem":
            return <Select key={s.name} {...field} placeholder={tr("w.form.choose")} options={priceOptions} />;
          case "lines":
            return (
              <Lines
                key={s.name}
                value={(value as Array<{ code: string; qty: number }>) ?? []}
                onValue={(v) => set(s.name, v)}
                options={priceOptions}
                error={err(s.name)}
              />
            );
          case "materials":
            return (
              <Materials
                key={s.name}
                value={(value as Array<Record<string, unknown>>) ?? []}
                onValue={(v) => set(s.name, v)}
                error={err(s.name)}
              />
            );
          case "photos":
            return (
              <PhotoUpload
                key={s.name}
                id={id}
                label={`${tr(step === "arrive" ? "w.photos.before" : "w.photos.after")} ${tr("w.optional")}`}
                error={err(s.name)}
                upload={uploadStaffPhoto}
                onChange={(u) => set(s.name, u)}
              />
            );
          case "signature":
            return (
              <SignatureField
                key={s.name}
                error={err(s.name)}
                onChange={(image) => {
                  set(s.name, image);
                  if (image) setErrors(({ [s.name]: _, ...rest }) => rest);
                }}
              />
            );
          case "override":
            return canOverride ? <TextField key={s.name} {...field} label={`${tr("w.reply.override")} ${tr("w.optional")}`} /> : null;
          default:
            return null;
        }
      })}
      <ErrorBox error={errors["(body)"] ?? null} />
      <button type="submit" class="primary" disabled={busy}>
        {tr("w.step.confirm", { step: term("step", step) })}
      </button>
    </form>
  );
}

function Lines({
  value,
  onValue,
  options,
  error,
}: {
  value: Array<{ code: string; qty: number }>;
  onValue(v: Array<{ code: string; qty: number }>): void;
  options: Array<{ value: string; label: string }>;
  error?: string | undefined;
}) {
  const rows = value.length ? value : [{ code: "", qty: 1 }];
  const update = (i: number, patch: Partial<{ code: string; qty: number }>) =>
    onValue(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Field label={tr("w.f.lines")} error={error}>
      {(id) => (
        <div id={id}>
          {rows.map((r, i) => (
            <div class="row" key={i}>
              <select
                aria-label={tr("w.price.item")}
                value={r.code}
                data-line={i}
                onChange={(e) => update(i, { code: e.currentTarget.value })}
              >
                <option value="">{tr("w.form.choose")}</option>
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              <input
                aria-label={tr("w.f.qty")}
                type="number"
                min="1"
                max="100"
                value={r.qty}
                onInput={(e) => update(i, { qty: Number(e.currentTarget.value) })}
              />
            </div>
          ))}
          <button type="button" class="link" onClick={() => onValue([...rows, { code: "", qty: 1 }])}>
            {tr("w.f.addLine")}
          </button>
        </div>
      )}
    </Field>
  );
}

function Materials({
  value,
  onValue,
  error,
}: {
  value: Array<Record<string, unknown>>;
  onValue(v: Array<Record<string, unknown>>): void;
  error?: string | undefined;
}) {
  const update = (i: number, patch: Record<string, unknown>) => onValue(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Field label={`${tr("w.f.materials")} ${tr("w.optional")}`} error={error}>
      {(id) => (
        <div id={id}>
          {value.map((m, i) => (
            <div class="row" key={i}>
              <input
                aria-label={tr("w.f.material")}
                value={String(m.name ?? "")}
                onInput={(e) => update(i, { name: e.currentTarget.value })}
              />
              <input
                aria-label={tr("w.f.qty")}
                type="number"
                min="0"
                value={String(m.qty ?? 1)}
                onInput={(e) => update(i, { qty: Number(e.currentTarget.value) })}
              />
              <select
                aria-label={tr("w.f.suppliedBy")}
                value={String(m.suppliedBy ?? "branch")}
                onChange={(e) => update(i, { suppliedBy: e.currentTarget.value })}
              >
                <option value="branch">{tr("w.opt.branch")}</option>
                <option value="resident">{tr("w.opt.resident")}</option>
              </select>
            </div>
          ))}
          <button type="button" class="link" onClick={() => onValue([...value, { name: "", qty: 1, suppliedBy: "branch" }])}>
            {tr("w.f.addMaterial")}
          </button>
        </div>
      )}
    </Field>
  );
}

import { can } from "@wuye/core/auth";
import { ShiftHandoverInputSchema } from "@wuye/core/frontdesk";
import { useState } from "preact/hooks";
import { answer, ifMatch } from "../../lib/api.ts";
import { errorUnder, type FieldErrors, serverErrors, validate } from "../../lib/form.ts";
import { fmtDateTime, tr } from "../../lib/i18n.ts";
import { invalidate, useQuery } from "../../lib/query.ts";
import { staffApi, staffSession } from "../../lib/session.ts";
import { Async, Badge, Card, ErrorBox, Select, TextArea } from "../../ui/kit.tsx";
import { useColleagues } from "../ownership/colleagues.ts";
import { Empty, useAction } from "./shared.tsx";

type Handover = Awaited<ReturnType<typeof listHandovers>>["data"]["items"][number];
const SHIFTS = ["day", "night", "other"] as const;
const listHandovers = (flagged: boolean) =>
  answer(staffApi.console.handovers.$get({ query: { limit: "30", ...(flagged ? { flagged: "true" } : {}) } }));
const lines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** 交接班: written by the outgoing shift (filled in from the system), edited, signed by the incoming one. */
export function HandoversPage() {
  const [flagged, setFlagged] = useState(false);
  const q = useQuery(`handovers:${flagged}`, () => listHandovers(flagged), { pollMs: 30_000 });
  return (
    <>
      <WriteForm />
      <Card title={tr("w.fd.handover.list")} id="handovers">
        <div class="chips">
          <button type="button" aria-pressed={!flagged} onClick={() => setFlagged(false)}>
            {tr("w.fd.handover.all")}
          </button>
          <button type="button" id="handovers-flagged" aria-pressed={flagged} onClick={() => setFlagged(true)}>
            {tr("w.fd.handover.flaggedOnly")}
          </button>
        </div>
        <Async q={q}>
          {(d) =>
            d.items.length ? (
              d.items.map((h) => <HandoverCard key={`${h.id}:${h.version}`} h={h} />)
            ) : (
              <Empty>{tr("w.fd.handover.none")}</Empty>
            )
          }
        </Async>
      </Card>
    </>
  );
}

function WriteForm() {
  const [shift, setShift] = useState<(typeof SHIFTS)[number]>("day");
  const [notes, setNotes] = useState("");
  const [extra, setExtra] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    const items = lines(extra);
    const body = { shift, ...(notes.trim() ? { notes } : {}), ...(items.length ? { items } : {}) };
    const v = validate(ShiftHandoverInputSchema, body);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    setBusy(true);
    try {
      await staffApi.console.handovers.$post({ json: body });
      setNotes("");
      setExtra("");
      invalidate("handovers:");
    } catch (err) {
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card" id="handover-form" onSubmit={submit} noValidate aria-labelledby="handover-form-title">
      <h2 id="handover-form-title">{tr("w.fd.handover.write")}</h2>
      <p class="hint">{tr("w.fd.handover.auto")}</p>
      <Select
        id="handover-shift"
        label={tr("w.fd.handover.shift")}
        value={shift}
        onValue={(v) => setShift(SHIFTS.find((s) => s === v) ?? shift)}
        options={SHIFTS.map((s) => ({ value: s, label: tr(`handover.shift.${s}`) }))}
      />
      <TextArea
        id="handover-notes"
        label={`${tr("w.fd.handover.notes")} ${tr("w.optional")}`}
        value={notes}
        onValue={setNotes}
        error={errors.notes}
        rows={2}
        maxLength={2000}
      />
      <TextArea
        id="handover-items"
        label={`${tr("w.fd.handover.extra")} ${tr("w.optional")}`}
        hint={tr("w.fd.handover.extraHint")}
        value={extra}
        onValue={setExtra}
        error={errorUnder(errors, "items")}
        rows={3}
      />
      <ErrorBox error={errors["(body)"] ?? null} />
      <button type="submit" class="primary" disabled={busy}>
        {tr("w.fd.handover.save")}
      </button>
    </form>
  );
}

const STATUS_TONE = { awaiting: "warn", signed: "ok", partial: "bad" } as const;

function HandoverCard({ h }: { h: Handover }) {
  const me = staffSession()!.staff;
  const { nameOf } = useColleagues();
  const mine = h.writtenBy === me.id;
  const editable = mine && h.status === "awaiting";
  const signable = !mine && h.status === "awaiting" && can(me.role, "handover.sign");
  return (
    <article class={`card${h.flagged ? " flagged" : ""}`} data-handover={h.id} data-status={h.status} data-flagged={String(h.flagged)}>
      <h3>
        <Badge tone={STATUS_TONE[h.status]}>{tr(`w.fd.handover.status.${h.status}`)}</Badge> {tr(`handover.shift.${h.shift as "day"}`)} ·{" "}
        {nameOf(h.writtenBy)} · {fmtDateTime(h.createdAt)}{" "}
        {h.flagged && <Badge tone="bad">{tr("w.fd.handover.flagged", { n: h.unsignedItems })}</Badge>}
      </h3>
      {h.notes && <p class="pre">{h.notes}</p>}
      {editable ? <EditHandover h={h} /> : signable ? <SignHandover h={h} /> : <ItemList h={h} />}
      {h.signedBy && (
        <p class="hint">
          {tr("w.fd.handover.signedBy", { who: nameOf(h.signedBy), at: fmtDateTime(h.signedAt) })}
          {h.signNote ? ` · ${h.signNote}` : ""}
        </p>
      )}
    </article>
  );
}

function ItemList({ h }: { h: Handover }) {
  if (!h.items.length) return <Empty>{tr("w.fd.handover.noItems")}</Empty>;
  return (
    <ul class="plain list">
      {h.items.map((i) => (
        <li key={i.id} data-item={i.id}>
          {i.signedAt ? "✓ " : h.signedAt ? "✗ " : "· "}
          <span class="hint">{tr(`w.fd.handover.source.${i.source}`)}</span> {i.text}
        </li>
      ))}
    </ul>
  );
}

/** The one handing over corrects the auto-filled list before the incoming shift signs it. */
function EditHandover({ h }: { h: Handover }) {
  const [removed, setRemoved] = useState<string[]>([]);
  const [add, setAdd] = useState("");
  const [notes, setNotes] = useState(h.notes ?? "");
  const act = useAction();
  const save = () =>
    act
      .run(() =>
        staffApi.console.handovers[":id"].$patch({
          param: { id: h.id },
          header: { "if-match": ifMatch(h.version) },
          json: { notes, removeItemIds: removed, addItems: lines(add) },
        }),
      )
      .then(() => invalidate("handovers:"));
  return (
    <div class="edit-handover">
      <ul class="plain list">
        {h.items.map((i) => (
          <li key={i.id} data-item={i.id} class={removed.includes(i.id) ? "hint" : undefined}>
            <span class="hint">{tr(`w.fd.handover.source.${i.source}`)}</span> {removed.includes(i.id) ? <s>{i.text}</s> : i.text}{" "}
            <button
              type="button"
              class="link"
              data-action="remove-item"
              onClick={() => setRemoved((r) => (r.includes(i.id) ? r.filter((x) => x !== i.id) : [...r, i.id]))}
            >
              {removed.includes(i.id) ? tr("w.fd.handover.keep") : tr("w.fd.handover.remove")}
            </button>
          </li>
        ))}
      </ul>
      <TextArea id={`edit-notes-${h.id}`} label={tr("w.fd.handover.notes")} value={notes} onValue={setNotes} rows={2} maxLength={2000} />
      <TextArea
        id={`edit-add-${h.id}`}
        label={tr("w.fd.handover.extra")}
        hint={tr("w.fd.handover.extraHint")}
        value={add}
        onValue={setAdd}
        rows={2}
      />
      <ErrorBox error={act.error} />
      <button type="button" class="secondary" data-action="save-edit" disabled={act.busy} onClick={() => void save()}>
        {tr("w.fd.handover.saveEdit")}
      </button>
      <p class="hint">{tr("w.fd.handover.waiting")}</p>
    </div>
  );
}

/** The incoming shift signs for the items it takes over; any left unticked flag the handover to the supervisor. */
function SignHandover({ h }: { h: Handover }) {
  const [taken, setTaken] = useState<string[]>(h.items.map((i) => i.id));
  const [note, setNote] = useState("");
  const act = useAction();
  const sign = () =>
    act
      .run(() =>
        staffApi.console.handovers[":id"].sign.$post({
          param: { id: h.id },
          header: { "if-match": ifMatch(h.version) },
          json: { itemIds: taken, ...(note.trim() ? { note } : {}) },
        }),
      )
      .then(() => invalidate("handovers:"));
  return (
    <div class="sign-handover">
      {h.items.map((i) => (
        <label key={i.id} class="check" data-item={i.id}>
          <input
            type="checkbox"
            checked={taken.includes(i.id)}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setTaken((t) => (on ? [...t, i.id] : t.filter((x) => x !== i.id)));
            }}
          />
          <span class="hint">{tr(`w.fd.handover.source.${i.source}`)}</span> {i.text}
        </label>
      ))}
      {taken.length < h.items.length && <p class="error">{tr("w.fd.handover.willFlag", { n: h.items.length - taken.length })}</p>}
      <TextArea
        id={`sign-note-${h.id}`}
        label={`${tr("w.fd.handover.signNote")} ${tr("w.optional")}`}
        value={note}
        onValue={setNote}
        rows={2}
        maxLength={500}
      />
      <ErrorBox error={act.error} />
      <button type="button" class="primary" data-action="sign" disabled={act.busy} onClick={() => void sign()}>
        {tr("w.fd.handover.sign")}
      </button>
    </div>
  );
}

import { TransferInputSchema } from "@wuye/core/workflow";
import { useState } from "preact/hooks";
import type { PendingHandOver } from "../../api/types.ts";
import { ApiError, ifMatch } from "../../lib/api.ts";
import { type FieldErrors, serverErrors, validate } from "../../lib/form.ts";
import { fmtDateTime, term, tr } from "../../lib/i18n.ts";
import { hasRole, staffApi, staffSession } from "../../lib/session.ts";
import { Card, ErrorBox, Select, TextArea } from "../../ui/kit.tsx";
import { useColleagues } from "./colleagues.ts";
import { HandOverDecision } from "./decision.tsx";
import { TakeButton } from "./take.tsx";

interface Props {
  requestId: string;
  version: number;
  ownerId: string | null;
  /** Held by the duty until a desk colleague takes it. */
  ownerByDuty: boolean;
  pending: PendingHandOver | null;
  closed: boolean;
  onDone(message?: string): void;
}

/**
 * Who owns the request (首问负责制) and its hand-over: the owner (or a supervisor) offers it to a colleague; the
 * owner stays the owner until the colleague accepts here or in "my open items"; anyone else sees the offer waiting.
 */
export function HandOverCard({ requestId, version, ownerId, ownerByDuty, pending, closed, onDone }: Props) {
  const { nameOf } = useColleagues();
  const me = staffSession()?.staff.id;
  const mayOffer = !pending && !closed && (ownerId === me || hasRole("serviceSupervisor", "branchManager"));
  const [open, setOpen] = useState(false);
  return (
    <Card title={tr("w.handover.title")} id="handover">
      <p>
        {tr("w.req.owner")}: <strong id="owner">{nameOf(ownerId)}</strong>
        {ownerByDuty && <span class="hint"> {tr("w.req.onDuty")}</span>}
      </p>
      {!closed && <TakeButton request={{ id: requestId, ownerId, ownerByDuty, version }} onDone={onDone} />}
      {pending && (
        <div id="pending-handover" data-to={pending.toId}>
          <p>{tr("w.handover.waiting", { from: nameOf(pending.fromId), to: nameOf(pending.toId), at: fmtDateTime(pending.createdAt) })}</p>
          {pending.note && <p class="hint">“{pending.note}”</p>}
          {pending.toId === me && <HandOverDecision requestId={requestId} onDone={onDone} />}
        </div>
      )}
      {mayOffer && !open && (
        <button type="button" id="handover-open" onClick={() => setOpen(true)} aria-expanded="false">
          {tr("w.handover.offer")}
        </button>
      )}
      {mayOffer && open && (
        <OfferForm
          requestId={requestId}
          version={version}
          ownerId={ownerId}
          onCancel={() => setOpen(false)}
          onDone={(m) => {
            setOpen(false);
            onDone(m);
          }}
        />
      )}
    </Card>
  );
}

function OfferForm({
  requestId,
  version,
  ownerId,
  onCancel,
  onDone,
}: {
  requestId: string;
  version: number;
  ownerId: string | null;
  onCancel(): void;
  onDone(message?: string): void;
}) {
  const { items, q } = useColleagues();
  const [to, setTo] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const options = items.filter((c) => c.id !== ownerId).map((c) => ({ value: c.id, label: `${c.name}(${term("role", c.role)})` }));

  async function submit(e: Event) {
    e.preventDefault();
    const v = validate(TransferInputSchema, { toStaffId: to, ...(note.trim() ? { note } : {}) });
    if (!v.ok) return setErrors(v.errors);
    setBusy(true);
    try {
      await staffApi.console.requests[":id"].handover.$post({
        param: { id: requestId },
        header: { "if-match": ifMatch(version) },
        json: v.data,
      });
      onDone(tr("w.handover.offered"));
    } catch (err) {
      if (err instanceof ApiError && (err.status === 412 || err.status === 409))
        onDone(tr(err.status === 412 ? "w.req.stale" : "w.handover.gone"));
      else setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form id="handover-form" class="step-form" onSubmit={submit} noValidate>
      <Select
        id="handover-to"
        label={tr("w.handover.to")}
        value={to}
        onValue={setTo}
        options={options}
        placeholder={q.loading ? tr("w.loading") : tr("w.form.choose")}
        error={errors.toStaffId}
      />
      <TextArea
        id="handover-note"
        label={`${tr("w.handover.note")} ${tr("w.optional")}`}
        value={note}
        onValue={setNote}
        error={errors.note}
        rows={2}
        maxLength={500}
      />
      <ErrorBox error={errors["(body)"] ?? (q.error ? q.error : null)} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {tr("w.handover.send")}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {tr("w.cancel")}
        </button>
      </div>
    </form>
  );
}

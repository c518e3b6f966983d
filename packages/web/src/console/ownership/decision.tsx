import { TransferDecisionSchema } from "@wuye/core/workflow";
import { useState } from "preact/hooks";
import { ApiError } from "../../lib/api.ts";
import { type FieldErrors, serverErrors, validate } from "../../lib/form.ts";
import { tr } from "../../lib/i18n.ts";
import { staffApi } from "../../lib/session.ts";
import { ErrorBox, TextField } from "../../ui/kit.tsx";

/** The receiver's answer to a hand-over: accept (the request is theirs from now on) or decline with a reason. */
export function HandOverDecision({ requestId, onDone }: { requestId: string; onDone(message: string): void }) {
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function decide(what: "accept" | "decline") {
    const body = reason.trim() ? { reason } : {};
    const v = validate(TransferDecisionSchema, body);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    setBusy(true);
    try {
      await staffApi.console.requests[":id"].handover[what].$post({ param: { id: requestId }, json: v.data });
      onDone(tr(what === "accept" ? "w.handover.accepted" : "w.handover.declined"));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) onDone(tr("w.handover.gone"));
      else setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="handover-decision"
      data-request={requestId}
      onSubmit={(e) => {
        e.preventDefault();
        void decide("accept");
      }}
      noValidate
    >
      <TextField
        id={`decline-reason-${requestId}`}
        label={`${tr("w.handover.reason")} ${tr("w.optional")}`}
        value={reason}
        onValue={setReason}
        error={errors.reason}
        maxLength={500}
      />
      <ErrorBox error={errors["(body)"] ?? null} />
      <div class="actions">
        <button type="submit" class="primary" data-decide="accept" disabled={busy}>
          {tr("w.handover.accept")}
        </button>
        <button type="button" class="secondary" data-decide="decline" disabled={busy} onClick={() => void decide("decline")}>
          {tr("w.handover.decline")}
        </button>
      </div>
    </form>
  );
}

import { can } from "@wuye/core/auth";
import { useState } from "preact/hooks";
import { errorText } from "../../lib/form.ts";
import { tr } from "../../lib/i18n.ts";
import { ifMatch } from "../../lib/api.ts";
import { staffApi, staffSession } from "../../lib/session.ts";
import { ErrorBox } from "../../ui/kit.tsx";

/** While the duty holds a request (or nobody does), a desk colleague takes it with one click (首问负责制). */
export function TakeButton({
  request,
  onDone,
}: {
  request: { id: string; ownerId: string | null; ownerByDuty: boolean; version: number };
  onDone(message: string): void;
}) {
  const me = staffSession()?.staff;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mayTake = !!me && request.ownerId !== me.id && (request.ownerByDuty || request.ownerId === null) && can(me.role, "request.take");
  if (!mayTake) return null;
  async function take() {
    setBusy(true);
    try {
      await staffApi.console.requests[":id"].take.$post({ param: { id: request.id }, header: { "if-match": ifMatch(request.version) } });
      onDone(tr("w.req.taken"));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" id="take" class="secondary" disabled={busy} onClick={take}>
        {tr("w.req.take")}
      </button>
      <ErrorBox error={error} />
    </>
  );
}

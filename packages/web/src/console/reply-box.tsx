import { useEffect, useState } from "preact/hooks";
import { answer, ApiError, ifMatch, type ReplyHit } from "../lib/api.ts";
import { errorText } from "../lib/form.ts";
import { tr } from "../lib/i18n.ts";
import { hasRole, staffApi } from "../lib/session.ts";
import { Card, ErrorBox, TextField } from "../ui/kit.tsx";

/**
 * The reply to the resident, with the language guard's hints while typing (POST /console/reply-check, debounced)
 * and the server's block (422) when wording to avoid is sent anyway; supervisors may override with a reason.
 */
export function ReplyBox({ requestId, version, onSent }: { requestId: string; version: number; onSent(): void }) {
  const [text, setText] = useState("");
  const [hits, setHits] = useState<ReplyHit[]>([]);
  const [checked, setChecked] = useState<string | null>(null);
  const [override, setOverride] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const canOverride = hasRole("serviceSupervisor", "branchManager");

  useEffect(() => {
    const draft = text.trim();
    if (!draft) {
      setHits([]);
      setChecked(null);
      return;
    }
    const timer = setTimeout(async () => {
      try {
        const { data } = await answer(staffApi.console["reply-check"].$post({ json: { text: draft } }));
        setHits(data.hits);
        setChecked(draft);
      } catch {
        // hints are advisory; the send itself is checked again by the server
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [text]);

  // Positions are those of the checked text: replace, then wait for the next check before offering more.
  const replace = (h: ReplyHit, suggestion: string) => {
    setText(text.slice(0, h.index) + suggestion + text.slice(h.index + h.length));
    setHits([]);
  };

  async function send(e: Event) {
    e.preventDefault();
    setError(null);
    setSent(false);
    setBusy(true);
    try {
      await staffApi.console.requests[":id"].replies.$post({
        param: { id: requestId },
        header: { "if-match": ifMatch(version) },
        json: { text, ...(override.trim() ? { override: { reason: override.trim() } } : {}) },
      });
      setText("");
      setOverride("");
      setSent(true);
      onSent();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        setError(tr("w.reply.blocked"));
        if (err.problem?.hits) setHits(err.problem.hits);
      } else if (err instanceof ApiError && err.status === 412) {
        setError(tr("w.req.stale"));
        onSent();
      } else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={tr("w.reply.title")} id="reply">
      <form onSubmit={send} noValidate>
        <div class="field">
          <label for="reply-text">{tr("w.reply.label")}</label>
          <textarea
            id="reply-text"
            rows={3}
            maxLength={2000}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            aria-describedby="reply-hints"
          />
        </div>
        <div id="reply-hints" aria-live="polite">
          {hits.length > 0 ? (
            <ul class="hits">
              {hits.map((h, i) => (
                <li key={i} data-phrase={h.phrase}>
                  {tr("w.reply.hit", { phrase: h.phrase })}
                  {h.suggestions.map((s) => (
                    <button key={s} type="button" class="link" onClick={() => replace(h, s)}>
                      {tr("w.reply.use", { s })}
                    </button>
                  ))}
                </li>
              ))}
            </ul>
          ) : checked && checked === text.trim() ? (
            <p class="guard-ok">{tr("w.reply.ok")}</p>
          ) : null}
        </div>
        {canOverride && hits.length > 0 && (
          <TextField id="reply-override" label={tr("w.reply.override")} value={override} onValue={setOverride} />
        )}
        <ErrorBox error={error} />
        {sent && (
          <p role="status" class="guard-ok">
            {tr("w.reply.sent")}
          </p>
        )}
        <button type="submit" id="reply-send" class="primary" disabled={busy || !text.trim()}>
          {tr("w.reply.send")}
        </button>
      </form>
    </Card>
  );
}

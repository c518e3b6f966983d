import { useEffect, useState } from "preact/hooks";
import { answer, api, extras } from "../lib/api.ts";
import { errorText } from "../lib/form.ts";
import { fmtDateTime, term, tr } from "../lib/i18n.ts";
import { useQuery } from "../lib/query.ts";
import { Async, Card, TextField } from "../ui/kit.tsx";
import { InboxPanel } from "../ui/inbox.tsx";
import "../ui/frontdesk.css";
import { ForumMinutes } from "./forum.tsx";
import { MyChannels, MyExport, MySurveys } from "./my-sections.tsx";

const tokenKey = (branch: string) => `residentToken:${branch}`;

/** A verified resident's requests and inbox; phone verification first (a one-time code). */
export function Mine({ branch }: { branch: string }) {
  const [token, setToken] = useState(() => localStorage.getItem(tokenKey(branch)));
  if (!token)
    return (
      <Verify
        branch={branch}
        onToken={(t) => {
          localStorage.setItem(tokenKey(branch), t);
          setToken(t);
        }}
      />
    );
  const signOut = () => {
    localStorage.removeItem(tokenKey(branch));
    setToken(null);
  };
  return (
    <>
      <MyList branch={branch} token={token} onUnauthorized={signOut} />
      <MySurveys branch={branch} token={token} />
      <InboxPanel source={{ branch, token }} onUnauthorized={signOut} />
      <MyChannels branch={branch} token={token} />
      <MyExport branch={branch} token={token} />
      <ForumMinutes branch={branch} />
      <button type="button" class="link" onClick={signOut}>
        {tr("web.logout")}
      </button>
    </>
  );
}

function MyList({ branch, token, onUnauthorized }: { branch: string; token: string; onUnauthorized(): void }) {
  const q = useQuery(
    `my:${branch}:${token.slice(-12)}`,
    () => answer(api.public.branches[":branch"].my.requests.$get({ param: { branch } }, extras({ token }))),
    { pollMs: 15_000 },
  );
  const status = (q.error as { status?: number } | undefined)?.status;
  useEffect(() => {
    if (status === 401) onUnauthorized();
  }, [status]);
  return (
    <Card title={tr("w.my.title")} id="my-requests">
      <Async q={q}>
        {(d) =>
          d.items.length ? (
            <ul class="plain list">
              {d.items.map((r) => (
                <li key={r.trackingCode} class="my-request" data-code={r.trackingCode}>
                  <a href={`/b/${branch}/t/${r.trackingCode}`}>
                    <strong>{term("kind", r.kind)}</strong> · {term("state", r.status)}
                  </a>
                  <p class="my-desc">{r.description}</p>
                  <div class="hint">
                    {tr("w.my.next", { next: nextText(r.nextStep) })} · {fmtDateTime(r.createdAt)}
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p class="hint">{tr("w.my.none")}</p>
          )
        }
      </Async>
    </Card>
  );
}

/** The next step in the resident's words: their own step, or what the branch is doing now. */
function nextText(next: { yours?: string | undefined; waiting?: string | undefined }): string {
  if (next.yours) return tr("w.next.yours", { step: term("step", next.yours) });
  return tr(`w.next.${next.waiting ?? "handling"}` as "w.next.handling");
}

function Verify({ branch, onToken }: { branch: string; onToken(token: string): void }) {
  const [phone, setPhone] = useState("");
  const [code, setCode] = useState("");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  async function send() {
    setBusy(true);
    try {
      await api.public.branches[":branch"].verify.start.$post({ param: { branch }, json: { phone } });
      setMessage(tr("web.verify.sent"));
    } catch (err) {
      setMessage(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  async function confirm(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      const { data } = await answer(api.public.branches[":branch"].verify.confirm.$post({ param: { branch }, json: { phone, code } }));
      onToken(data.token);
    } catch (err) {
      setMessage(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card" onSubmit={confirm} aria-labelledby="verify-title">
      <h2 id="verify-title">{tr("web.verify.title")}</h2>
      <p class="hint">{tr("w.my.why")}</p>
      <TextField
        id="phone"
        label={tr("web.verify.phone")}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        value={phone}
        onValue={setPhone}
        required
      />
      <button type="button" id="send-code" class="secondary" disabled={busy} onClick={() => void send()}>
        {tr("web.verify.send")}
      </button>
      <TextField
        id="code"
        label={tr("web.verify.code")}
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onValue={setCode}
        required
        maxLength={6}
      />
      <button type="submit" class="primary" disabled={busy}>
        {tr("web.verify.submit")}
      </button>
      <p role="status">{message}</p>
    </form>
  );
}

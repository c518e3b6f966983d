import { useState } from "preact/hooks";
import { answer, api, extras } from "../lib/api.ts";
import { errorText } from "../lib/form.ts";
import { fmtDateTime, tr } from "../lib/i18n.ts";
import { invalidate, useQuery } from "../lib/query.ts";
import { Async, Card, ErrorBox } from "../ui/kit.tsx";

// The verified resident's "我的" sections besides their requests and inbox: surveys, channels, export of my data.

type Who = { branch: string; token: string };
const my = api.public.branches[":branch"].my;
type MySurvey = Awaited<ReturnType<typeof mySurveys>>["data"]["items"][number];
const mySurveys = ({ branch, token }: Who) => answer(my.surveys.$get({ param: { branch } }, extras({ token })));

/** Surveys sent to me: each answered once, on its own scale. */
export function MySurveys(who: Who) {
  const q = useQuery(`my-surveys:${who.branch}:${who.token.slice(-12)}`, () => mySurveys(who), { pollMs: 60_000 });
  return (
    <Card title={tr("w.fd.my.surveys")} id="my-surveys">
      <Async q={q}>
        {(d) =>
          d.items.length ? d.items.map((s) => <SurveyAnswer key={s.id} s={s} {...who} />) : <p class="hint">{tr("w.fd.my.noSurveys")}</p>
        }
      </Async>
    </Card>
  );
}

function SurveyAnswer({ s, branch, token }: Who & { s: MySurvey }) {
  const [scores, setScores] = useState<Record<string, number>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (s.answered)
    return (
      <section class="survey" data-survey={s.id} data-answered="true">
        <h3>{s.title}</h3>
        <p class="success">{tr("w.fd.my.answered")}</p>
      </section>
    );
  async function submit(e: Event) {
    e.preventDefault();
    const missing = s.questions.find((q) => q.type === "scale" && !scores[q.id]);
    if (missing) return setError(tr("w.fd.my.scoreEach"));
    type Answer = { questionId: string; score?: number; text?: string };
    const answers = s.questions.flatMap((q): Answer[] =>
      q.type === "scale"
        ? [{ questionId: q.id, score: scores[q.id]! }]
        : texts[q.id]?.trim()
          ? [{ questionId: q.id, text: texts[q.id]!.trim() }]
          : [],
    );
    setBusy(true);
    setError(null);
    try {
      await my.surveys[":surveyId"].answers.$post({ param: { branch, surveyId: s.id }, json: { answers } }, extras({ token }));
      invalidate(`my-surveys:${branch}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="survey" data-survey={s.id} onSubmit={submit} noValidate>
      <h3>{s.title}</h3>
      <p class="hint">{tr("w.fd.my.scaleHint", { n: s.scale })}</p>
      {s.questions.map((q) => (
        <fieldset key={q.id} data-question={q.id}>
          <legend>{q.text}</legend>
          {q.type === "scale" ? (
            <div class="scale-buttons">
              {Array.from({ length: s.scale }, (_, i) => i + 1).map((n) => (
                <label key={n}>
                  <input
                    type="radio"
                    name={`${s.id}-${q.id}`}
                    value={n}
                    checked={scores[q.id] === n}
                    onChange={() => setScores((x) => ({ ...x, [q.id]: n }))}
                  />
                  {n}
                </label>
              ))}
            </div>
          ) : (
            <textarea
              rows={3}
              maxLength={1000}
              aria-label={q.text}
              value={texts[q.id] ?? ""}
              onInput={(e) => {
                const v = e.currentTarget.value;
                setTexts((x) => ({ ...x, [q.id]: v }));
              }}
            />
          )}
        </fieldset>
      ))}
      <ErrorBox error={error} />
      <button type="submit" class="primary big" disabled={busy}>
        {tr("w.fd.my.submitSurvey")}
      </button>
    </form>
  );
}

const CHANNELS = ["sms", "email"] as const;

/** Which channels besides the portal inbox (always on) the resident wants notices on. */
export function MyChannels({ branch, token }: Who) {
  const q = useQuery(`my-prefs:${branch}:${token.slice(-12)}`, () => answer(my.preferences.$get({ param: { branch } }, extras({ token }))));
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The choice as made, until the saved one is read back: a re-render in between must not undo the tick.
  const [chosen, setChosen] = useState<string[] | null>(null);
  async function toggle(current: string[], channel: (typeof CHANNELS)[number], on: boolean) {
    const next = CHANNELS.filter((c) => (c === channel ? on : current.includes(c)));
    setChosen(next);
    setSaved(false);
    setError(null);
    try {
      await my.preferences.$put({ param: { branch }, json: { channels: next } }, extras({ token }));
      setSaved(true);
      invalidate(`my-prefs:${branch}`);
    } catch (err) {
      setChosen(null);
      setError(errorText(err));
    }
  }
  return (
    <Card title={tr("w.fd.my.channels")} id="my-channels">
      <Async q={q}>
        {(d) => {
          const channels = chosen ?? d.channels;
          return (
            <>
              <label class="check">
                <input type="checkbox" checked disabled /> {tr("w.fd.my.channel.inbox")}{" "}
                <span class="hint">{tr("w.fd.my.inboxAlways")}</span>
              </label>
              {CHANNELS.map((c) => (
                <label class="check" key={c}>
                  <input
                    type="checkbox"
                    data-channel={c}
                    checked={channels.includes(c)}
                    onChange={(e) => void toggle(channels, c, e.currentTarget.checked)}
                  />{" "}
                  {tr(`w.fd.my.channel.${c}`)}
                </label>
              ))}
              <p class="hint">{tr("w.fd.my.quiet")}</p>
              {saved && (
                <p class="success" role="status" id="channels-saved">
                  {tr("w.fd.my.saved")}
                </p>
              )}
              <ErrorBox error={error} />
            </>
          );
        }}
      </Async>
    </Card>
  );
}

/** Everything the branch holds about me, as a file; the export is on record. */
export function MyExport({ branch, token }: Who) {
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setError(null);
    try {
      const { data } = await answer(my.export.$post({ param: { branch } }, extras({ token })));
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `${branch}-my-data.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDone(tr("w.fd.my.exported", { at: fmtDateTime(data.generatedAt), n: data.requests.length }));
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <Card title={tr("w.fd.my.export")} id="my-export">
      <p class="hint">{tr("w.fd.my.exportWhat")}</p>
      <button type="button" class="secondary" id="export-my-data" onClick={() => void run()}>
        {tr("w.fd.my.exportButton")}
      </button>
      {done && (
        <p class="success" role="status" id="export-done">
          {done}
        </p>
      )}
      <ErrorBox error={error} />
    </Card>
  );
}

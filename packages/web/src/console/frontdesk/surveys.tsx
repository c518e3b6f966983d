import { SurveyInputSchema, SurveySendInputSchema } from "@wuye/core/frontdesk";
import { useState } from "preact/hooks";
import { answer, ifMatch } from "../../lib/api.ts";
import { type FieldErrors, serverErrors, validate } from "../../lib/form.ts";
import { fmtDateTime, tr } from "../../lib/i18n.ts";
import { invalidate, useQuery } from "../../lib/query.ts";
import { Async, Badge, Card, ErrorBox, Select, TextField } from "../../ui/kit.tsx";
import { staffApi } from "../../lib/session.ts";
import { Empty, FormActions, useAction, usePlaces } from "./shared.tsx";

type Survey = Awaited<ReturnType<typeof listSurveys>>["data"]["items"][number];
const listSurveys = () => answer(staffApi.console.surveys.$get());
type Question = { id: string; text: string; type: "scale" | "text" };
const TONE = { draft: "muted", sent: "info", closed: "ok" } as const;

/** 满意度调查: build one (questions, scale), choose recipients, send, close, read the results. */
export function SurveysPage() {
  const q = useQuery("surveys", listSurveys, { pollMs: 30_000 });
  return (
    <>
      <SurveyForm />
      <Card title={tr("w.fd.surveys.title")} id="surveys">
        <Async q={q}>
          {(d) =>
            d.items.length ? (
              d.items.map((s) => <SurveyCard key={`${s.id}:${s.version}`} s={s} />)
            ) : (
              <Empty>{tr("w.fd.surveys.none")}</Empty>
            )
          }
        </Async>
      </Card>
    </>
  );
}

const blank = (n: number): Question => ({ id: `q${n}`, text: "", type: "scale" });

function SurveyForm() {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [scale, setScale] = useState<5 | 10>(5);
  const [questions, setQuestions] = useState<Question[]>([blank(1)]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  if (!open)
    return (
      <p>
        <button type="button" class="primary" id="new-survey" onClick={() => setOpen(true)}>
          {tr("w.fd.surveys.new")}
        </button>
      </p>
    );
  const setQ = (i: number, patch: Partial<Question>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  async function submit(e: Event) {
    e.preventDefault();
    const body = { title, scale, questions };
    const v = validate(SurveyInputSchema, body);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    setBusy(true);
    try {
      await staffApi.console.surveys.$post({ json: body });
      invalidate("surveys");
      setOpen(false);
      setTitle("");
      setQuestions([blank(1)]);
    } catch (err) {
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card" id="survey-form" onSubmit={submit} noValidate aria-labelledby="survey-form-title">
      <h2 id="survey-form-title">{tr("w.fd.surveys.new")}</h2>
      <div class="row">
        <TextField
          id="survey-title"
          label={tr("w.fd.surveys.name")}
          value={title}
          onValue={setTitle}
          error={errors.title}
          maxLength={100}
        />
        <Select
          id="survey-scale"
          label={tr("w.fd.surveys.scale")}
          value={String(scale)}
          onValue={(v) => setScale(v === "10" ? 10 : 5)}
          options={[5, 10].map((n) => ({ value: String(n), label: tr("w.fd.surveys.scaleN", { n }) }))}
        />
      </div>
      <fieldset>
        <legend>{tr("w.fd.surveys.questions")}</legend>
        {questions.map((q, i) => (
          <div class="row" key={q.id} data-question={i}>
            <TextField
              id={`question-${i}`}
              label={tr("w.fd.surveys.question", { n: i + 1 })}
              value={q.text}
              onValue={(text) => setQ(i, { text })}
              error={errors[`questions.${i}.text`]}
              maxLength={300}
            />
            <Select
              id={`question-type-${i}`}
              label={tr("w.fd.surveys.type")}
              value={q.type}
              onValue={(v) => setQ(i, { type: v === "text" ? "text" : "scale" })}
              options={(["scale", "text"] as const).map((t) => ({ value: t, label: tr(`w.fd.surveys.type.${t}`) }))}
            />
          </div>
        ))}
        <div class="actions">
          <button
            type="button"
            class="secondary"
            id="add-question"
            onClick={() => setQuestions((qs) => [...qs, blank(Math.max(0, ...qs.map((q) => Number(q.id.slice(1)))) + 1)])}
          >
            {tr("w.fd.surveys.addQuestion")}
          </button>
          {questions.length > 1 && (
            <button type="button" class="secondary" onClick={() => setQuestions((qs) => qs.slice(0, -1))}>
              {tr("w.fd.surveys.removeQuestion")}
            </button>
          )}
        </div>
        {errors.questions && <p class="error">{errors.questions}</p>}
      </fieldset>
      <FormActions error={errors["(body)"]} busy={busy} save={tr("w.fd.surveys.save")} onClose={() => setOpen(false)} />
    </form>
  );
}

function targetText(t: Survey["target"], places: ReturnType<typeof usePlaces>) {
  if (!t) return "—";
  if (typeof t.communityId === "string") return places.communities.find((c) => c.id === t.communityId)?.name ?? t.communityId;
  if (typeof t.buildingId === "string") return places.buildings.find((b) => b.value === t.buildingId)?.label ?? t.buildingId;
  if (t.allVerified) return tr("w.fd.surveys.to.all");
  return tr("w.fd.surveys.to.closed");
}

function SurveyCard({ s }: { s: Survey }) {
  const places = usePlaces();
  const [showResults, setShowResults] = useState(s.status !== "draft");
  const close = useAction();
  return (
    <article class="card" data-survey={s.id} data-status={s.status}>
      <h3>
        <Badge tone={TONE[s.status]}>{tr(`w.fd.surveys.status.${s.status}`)}</Badge> {s.title}{" "}
        <span class="hint">{tr("w.fd.surveys.scaleN", { n: s.scale })}</span>
      </h3>
      <ol>
        {s.questions.map((q) => (
          <li key={q.id}>
            {q.text} <span class="hint">{tr(`w.fd.surveys.type.${q.type}`)}</span>
          </li>
        ))}
      </ol>
      {s.status !== "draft" && (
        <p class="hint">{tr("w.fd.surveys.sentTo", { to: targetText(s.target, places), n: s.recipients, at: fmtDateTime(s.sentAt) })}</p>
      )}
      {s.status === "draft" && <SendForm s={s} />}
      {s.status === "sent" && (
        <div class="actions">
          <button
            type="button"
            class="secondary"
            data-action="close"
            disabled={close.busy}
            onClick={() =>
              void close
                .run(() => staffApi.console.surveys[":id"].close.$post({ param: { id: s.id }, json: {} }))
                .then(() => invalidate("survey"))
            }
          >
            {tr("w.fd.surveys.close")}
          </button>
          <ErrorBox error={close.error} />
        </div>
      )}
      {s.status !== "draft" && (
        <details open={showResults} onToggle={(e) => setShowResults(e.currentTarget.open)}>
          <summary>{tr("w.fd.surveys.results")}</summary>
          {showResults && <Results s={s} />}
        </details>
      )}
    </article>
  );
}

type Target = "community" | "building" | "all";

function SendForm({ s }: { s: Survey }) {
  const places = usePlaces();
  const [to, setTo] = useState<Target>("community");
  const [place, setPlace] = useState("");
  const send = useAction();
  const options = to === "community" ? places.communities.map((c) => ({ value: c.id, label: c.name })) : places.buildings;
  async function submit(e: Event) {
    e.preventDefault();
    const body = to === "all" ? { allVerified: true as const } : to === "community" ? { communityId: place } : { buildingId: place };
    const v = validate(SurveySendInputSchema, body);
    if (!v.ok || (to !== "all" && !place)) return send.setError(tr("w.fd.surveys.chooseTarget"));
    await send.run(() =>
      staffApi.console.surveys[":id"].send.$post({ param: { id: s.id }, header: { "if-match": ifMatch(s.version) }, json: body }),
    );
    invalidate("survey");
  }
  return (
    <form class="send-survey" onSubmit={submit} noValidate>
      <div class="chips" role="group" aria-label={tr("w.fd.surveys.recipients")}>
        {(["community", "building", "all"] as const).map((t) => (
          <button
            key={t}
            type="button"
            aria-pressed={to === t}
            data-target={t}
            onClick={() => {
              setTo(t);
              setPlace("");
            }}
          >
            {tr(`w.fd.surveys.to.${t}`)}
          </button>
        ))}
      </div>
      {to !== "all" && (
        <Select
          id={`send-place-${s.id}`}
          label={to === "community" ? tr("w.form.community") : tr("w.fd.surveys.building")}
          value={place}
          onValue={setPlace}
          placeholder={tr("w.form.choose")}
          options={options}
        />
      )}
      <p class="hint">{tr("w.fd.surveys.verifiedOnly")}</p>
      <ErrorBox error={send.error} />
      <button type="submit" class="primary" data-action="send" disabled={send.busy}>
        {tr("w.fd.surveys.send")}
      </button>
    </form>
  );
}

function Results({ s }: { s: Survey }) {
  const q = useQuery(`survey-results:${s.id}`, () => answer(staffApi.console.surveys[":id"].results.$get({ param: { id: s.id } })), {
    pollMs: 30_000,
  });
  return (
    <Async q={q}>
      {(r) => (
        <div class="survey-results" data-answers={r.answers}>
          <div class="cards">
            <div class="stat">
              <div class="v" id={`rate-${s.id}`}>
                {r.responseRate === null ? "—" : `${Math.round(r.responseRate * 1000) / 10}%`}
              </div>
              <div class="l">{tr("w.fd.surveys.rate")}</div>
            </div>
            <div class="stat">
              <div class="v">
                {r.answers} / {r.recipients}
              </div>
              <div class="l">{tr("w.fd.surveys.answered")}</div>
            </div>
          </div>
          {r.questions.map((x) => {
            const text = s.questions.find((qq) => qq.id === x.id)?.text ?? x.id;
            const max = Math.max(1, ...Object.values(x.distribution));
            return (
              <section key={x.id} data-question={x.id}>
                <h4>
                  {text} {x.average !== null && <span class="hint">{tr("w.fd.surveys.average", { avg: x.average, scale: s.scale })}</span>}
                </h4>
                {x.type === "scale" ? (
                  <table class="dist-table" aria-label={tr("w.fd.surveys.distribution")}>
                    <tbody>
                      {Array.from({ length: s.scale }, (_, i) => String(s.scale - i)).map((score) => (
                        <tr key={score} data-score={score}>
                          <th scope="row">{tr("w.fd.surveys.points", { n: score })}</th>
                          <td class="bar-cell">
                            <span class="bar">
                              <span style={`width:${((x.distribution[score] ?? 0) / max) * 100}%`} />
                            </span>
                          </td>
                          <td class="num">{x.distribution[score] ?? 0}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : x.comments.length ? (
                  <ul class="comments">
                    {x.comments.map((c, i) => (
                      <li key={i}>{c}</li>
                    ))}
                  </ul>
                ) : (
                  <Empty>{tr("w.fd.surveys.noComments")}</Empty>
                )}
              </section>
            );
          })}
        </div>
      )}
    </Async>
  );
}

import { can } from "@wuye/core/auth";
import { CaseInputSchema } from "@wuye/core/workflow";
import { useState } from "preact/hooks";
import { type FieldErrors, serverErrors, validate } from "../../lib/form.ts";
import { fmtDateTime, tr } from "../../lib/i18n.ts";
import { invalidate, useQuery } from "../../lib/query.ts";
import { answer } from "../../lib/api.ts";
import { staffApi, staffSession } from "../../lib/session.ts";
import { Async, Badge, Card, ErrorBox, TextArea, TextField } from "../../ui/kit.tsx";
import { useColleagues } from "../ownership/colleagues.ts";

const KEY = "cases:";

/** The case library (案例库): problem, lesson and responsible department, fed by complaints and follow-ups (PDCA). */
export function CaseLibraryPage() {
  const [department, setDepartment] = useState("");
  const [filter, setFilter] = useState("");
  const q = useQuery(`${KEY}${filter}`, () => answer(staffApi.console.cases.$get({ query: filter ? { department: filter } : {} })), {
    staleMs: 10_000,
  });
  const role = staffSession()?.staff.role;
  const { nameOf } = useColleagues();
  return (
    <>
      {role && can(role, "case.manage") && <NewCase />}
      <Card title={tr("w.cases.title")} id="cases">
        <form
          class="filters"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setFilter(department.trim());
          }}
        >
          <TextField id="cases-department" label={tr("w.cases.department")} value={department} onValue={setDepartment} maxLength={60} />
          <button type="submit">{tr("w.cases.filter")}</button>
          {filter && (
            <button
              type="button"
              class="link"
              onClick={() => {
                setDepartment("");
                setFilter("");
              }}
            >
              {tr("w.cases.all")}
            </button>
          )}
        </form>
        <Async q={q}>
          {(d) =>
            d.items.length === 0 ? (
              <p class="hint" id="cases-empty">
                {tr("w.cases.none")}
              </p>
            ) : (
              <ul class="plain list" id="case-list">
                {d.items.map((c) => (
                  <li key={c.id} data-case={c.id} data-source={c.source}>
                    <p>
                      <Badge tone="info">{c.department}</Badge>{" "}
                      <Badge tone="muted">{tr(`w.cases.source.${c.source}` as "w.cases.source.manual")}</Badge>{" "}
                      <span class="hint">
                        {fmtDateTime(c.createdAt)} · {nameOf(c.createdBy)}
                      </span>
                      {c.requestId && (
                        <>
                          {" "}
                          · <a href={`/console/r/${c.requestId}`}>{tr("w.cases.request")}</a>
                        </>
                      )}
                    </p>
                    <p class="pre">
                      <strong>{tr("w.cases.problem")}:</strong> {c.problem}
                    </p>
                    <p class="pre">
                      <strong>{tr("w.cases.lesson")}:</strong> {c.lesson}
                    </p>
                  </li>
                ))}
              </ul>
            )
          }
        </Async>
      </Card>
    </>
  );
}

function NewCase() {
  const [problem, setProblem] = useState("");
  const [lesson, setLesson] = useState("");
  const [department, setDepartment] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setDone(false);
    const v = validate(CaseInputSchema, { problem, lesson, department });
    if (!v.ok) {
      setErrors(v.errors);
      const first = ["problem", "lesson", "department"].find((f) => v.errors[f]);
      if (first) document.getElementById(`case-${first}`)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await staffApi.console.cases.$post({ json: v.data });
      setProblem("");
      setLesson("");
      setDepartment("");
      setDone(true);
      invalidate(KEY);
    } catch (err) {
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={tr("w.cases.add")} id="new-case">
      <form onSubmit={submit} noValidate>
        <TextArea
          id="case-problem"
          label={tr("w.cases.problem")}
          value={problem}
          onValue={setProblem}
          error={errors.problem}
          rows={3}
          maxLength={2000}
        />
        <TextArea
          id="case-lesson"
          label={tr("w.cases.lesson")}
          hint={tr("w.cases.lessonHint")}
          value={lesson}
          onValue={setLesson}
          error={errors.lesson}
          rows={3}
          maxLength={2000}
        />
        <TextField
          id="case-department"
          label={tr("w.cases.department")}
          value={department}
          onValue={setDepartment}
          error={errors.department}
          maxLength={60}
        />
        <ErrorBox error={errors["(body)"] ?? null} />
        {done && (
          <p class="success" role="status" id="case-saved">
            {tr("w.cases.saved")}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? tr("w.settings.saving") : tr("w.cases.save")}
        </button>
      </form>
    </Card>
  );
}

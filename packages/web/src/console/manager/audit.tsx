import { useState } from "preact/hooks";
import type { AuditList } from "../../api/types.ts";
import { answer, refine } from "../../lib/api.ts";
import { fmtDateTime, term, tr } from "../../lib/i18n.ts";
import { useQuery } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { Csv } from "../../ui/csv-link.tsx";
import { Async, Card, Select, TextField } from "../../ui/kit.tsx";
import { known } from "./known.ts";

const SUBJECTS = ["resident", "resident-archive", "request", "notice"] as const;
const ACTIONS = ["resident.read", "resident.archive.read", "resident.export", "notice.draft"] as const;

/** Days typed as dates (the branch's calendar days) → the API's `from`/`to` (inclusive days). */
interface Filter {
  subjectType: string;
  actorId: string;
  action: string;
  from: string;
  to: string;
}

/** The audit log (branch manager): who read or changed which record, filtered, and exported as CSV. */
export function AuditPage() {
  const [draft, setDraft] = useState<Filter>({ subjectType: "resident", actorId: "", action: "", from: "", to: "" });
  const [filter, setFilter] = useState<Filter>(draft);
  const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as Partial<Filter>;
  const q = useQuery(`audit:${JSON.stringify(query)}`, () => answer(staffApi.console.audit.$get({ query })).then(refine<AuditList>()));
  const staff = useQuery("colleagues", () => answer(staffApi.console.colleagues.$get()), { staleMs: 60_000 });
  const set = (k: keyof Filter) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  return (
    <Card title={tr("w.manager.audit")} id="audit">
      <form
        class="row filters"
        id="audit-filter"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft);
        }}
      >
        <Select
          id="audit-subject"
          label={tr("w.manager.subjectType")}
          value={draft.subjectType}
          onValue={set("subjectType")}
          placeholder={tr("w.manager.all")}
          options={SUBJECTS.map((s) => ({ value: s, label: tr(`w.manager.subject.${s}`) }))}
        />
        <Select
          id="audit-actor"
          label={tr("w.manager.actor")}
          value={draft.actorId}
          onValue={set("actorId")}
          placeholder={tr("w.manager.all")}
          options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${term("role", s.role)}` }))}
        />
        <Select
          id="audit-action"
          label={tr("w.manager.action")}
          value={draft.action}
          onValue={set("action")}
          placeholder={tr("w.manager.all")}
          options={ACTIONS.map((a) => ({ value: a, label: tr(`w.manager.act.${a}`) }))}
        />
        <TextField id="audit-from" label={tr("w.manager.fromDay")} type="date" value={draft.from} onValue={set("from")} />
        <TextField id="audit-to" label={tr("w.manager.toDay")} type="date" value={draft.to} onValue={set("to")} />
        <button type="submit">{tr("w.cases.filter")}</button>
        <Csv endpoint={staffApi.console.audit} args={{ query: { ...query, format: "csv" as const } }} name="audit" />
      </form>
      <Async q={q}>
        {(d) =>
          d.items.length === 0 ? (
            <p class="hint">{tr("w.manager.noAudit")}</p>
          ) : (
            <div class="table-wrap">
              <table id="audit-table">
                <thead>
                  <tr>
                    <th scope="col">{tr("w.manager.at")}</th>
                    <th scope="col">{tr("w.manager.actor")}</th>
                    <th scope="col">{tr("w.manager.action")}</th>
                    <th scope="col">{tr("w.manager.subjectType")}</th>
                    <th scope="col">{tr("w.manager.subjectId")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((r) => (
                    <tr key={r.id} data-action={r.action}>
                      <td>{fmtDateTime(r.at)}</td>
                      <td>
                        {r.actorName ?? r.actorId} <span class="hint">{term("role", r.actorRole)}</span>
                      </td>
                      <td>
                        {known(ACTIONS, r.action, (a) => tr(`w.manager.act.${a}`))} <code class="plain-code">{r.action}</code>
                      </td>
                      <td>{known(SUBJECTS, r.subjectType, (t) => tr(`w.manager.subject.${t}`))}</td>
                      <td class="record-id">
                        <code class="plain-code" title={r.subjectId}>
                          {r.subjectId}
                        </code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {d.items.length >= 200 && <p class="hint">{tr("w.manager.auditLimit")}</p>}
            </div>
          )
        }
      </Async>
    </Card>
  );
}

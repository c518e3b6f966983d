import { defaultCategoryName } from "@wuye/core/request";
import { onTimeRate } from "@wuye/core/supervision";
import type { Ranking } from "../api/types.ts";
import { answer, refine } from "../lib/api.ts";
import { currentLocale, term, tr } from "../lib/i18n.ts";
import { useQuery } from "../lib/query.ts";
import { staffSession, staffApi } from "../lib/session.ts";
import { Async, Card } from "../ui/kit.tsx";
import { Csv } from "../ui/csv-link.tsx";
import { PrintSheet } from "../ui/print.tsx";
import { pct } from "./format.ts";

/** A stored monthly report (`GET /hq/reports/{month}`, documented as free-form): what `summary` in db/repo/reports.ts writes. */
export type PdcaReport = {
  month: string;
  branch: string | null;
  requestsByKind: Array<{ kind: string; requests: number }>;
  topCategories: Array<{ kind: string; category: string; requests: number }>;
  milestones: Array<{
    name: string;
    started: number;
    met_on_time: number;
    met_late?: number;
    overdue_open?: number;
    overdue_closed?: number;
    breached: number;
  }>;
  breaches: Array<{ name: string; kind: string; breaches: number; reasons: string[] }>;
  correctiveActions: Array<{
    branchId: string;
    category: string | null;
    cause: string;
    correctiveAction: string;
    preventiveAction: string;
    department: string;
  }>;
};

/** A report's on-time rate per milestone with core's formula (older reports lack the split and count every breach as overdue). */
const rateOf = (m: PdcaReport["milestones"][number]) =>
  onTimeRate(
    m.met_late === undefined
      ? { metOnTime: m.met_on_time, metLate: 0, overdueOpen: m.breached, overdueClosed: 0 }
      : { metOnTime: m.met_on_time, metLate: m.met_late, overdueOpen: m.overdue_open ?? 0, overdueClosed: m.overdue_closed ?? 0 },
  );

const isRegion = () => staffSession()?.staff.role === "regionSupervisor";

/** The months with a PDCA report: the group's report (head office) and each branch's in scope. */
export function ReportsList() {
  const months = useQuery("hq:reports", () => answer(staffApi.hq.reports.$get()));
  const branches = useQuery("hq:branches:all", () => answer(staffApi.hq.branches.$get({ query: {} })).then(refine<Ranking>()), {
    staleMs: 60_000,
  });
  return (
    <Card title={tr("w.pdca.title")} id="pdca-list">
      <Async q={months}>
        {(m) =>
          m.months.length === 0 ? (
            <p class="hint">{tr("w.pdca.none")}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{tr("w.pdca.month")}</th>
                  <th scope="col">{tr("w.pdca.reports")}</th>
                </tr>
              </thead>
              <tbody>
                {m.months.map((month) => (
                  <tr key={month} data-month={month}>
                    <td>{month}</td>
                    <td class="links">
                      {!isRegion() && <a href={`/hq/reports/${month}`}>{tr("w.pdca.group")}</a>}
                      {(branches.data?.items ?? []).map((b) => (
                        <a key={b.branch} href={`/hq/reports/${month}?branch=${b.branch}`} data-branch={b.branch}>
                          {b.name}
                        </a>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </Card>
  );
}

/** One month's PDCA report (Plan–Do–Check–Act), on screen or as an A4 print view (`?print=1`). */
export function ReportPage({ month, branch }: { month: string; branch: string | null }) {
  const query = branch ? { branch } : {};
  const q = useQuery(`hq:report:${month}:${branch ?? "*"}`, () =>
    answer(staffApi.hq.reports[":month"].$get({ param: { month }, query })).then(refine<PdcaReport>()),
  );
  const base = `/hq/reports/${month}${branch ? `?branch=${branch}` : ""}`;
  return (
    <Async q={q}>
      {(r) => (
        <PrintSheet
          id="pdca-report"
          base={base}
          data={{ "data-month": month }}
          heading={<h2>{tr("w.pdca.heading", { month, scope: branch ?? tr("w.pdca.group") })}</h2>}
          links={
            <>
              <Csv
                endpoint={staffApi.hq.reports[":month"]}
                args={{ param: { month }, query: { ...query, format: "csv" as const } }}
                name={`pdca-${month}`}
              />{" "}
              <a href="/hq/reports">{tr("w.pdca.all")}</a>
            </>
          }
        >
          <section>
            <h3>{tr("w.pdca.do")}</h3>
            {r.requestsByKind.length === 0 && <p class="hint">{tr("w.pdca.noRequests")}</p>}
            <table>
              <tbody>
                {r.requestsByKind.map((k) => (
                  <tr key={k.kind}>
                    <td>{term("kind", k.kind)}</td>
                    <td class="num">{k.requests}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section>
            <h3>{tr("w.pdca.check")}</h3>
            {r.milestones.length === 0 ? (
              <p class="hint">{tr("w.pdca.noMilestones")}</p>
            ) : (
              <table id="pdca-milestones">
                <thead>
                  <tr>
                    <th scope="col">{tr("w.hq.milestone")}</th>
                    <th scope="col" class="num">
                      {tr("w.pdca.started")}
                    </th>
                    <th scope="col" class="num">
                      {tr("w.hq.onTime")}
                    </th>
                    <th scope="col" class="num">
                      {tr("w.hq.breached")}
                    </th>
                    <th scope="col" class="num">
                      {tr("w.hq.onTimeRate")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {r.milestones.map((m) => (
                    <tr key={m.name}>
                      <td>{term("milestone", m.name)}</td>
                      <td class="num">{m.started}</td>
                      <td class="num">{m.met_on_time}</td>
                      <td class="num">{m.breached}</td>
                      <td class="num">{pct(rateOf(m))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h4>{tr("w.pdca.breaches")}</h4>
            {r.breaches.length === 0 ? (
              <p class="hint">{tr("w.pdca.noBreaches")}</p>
            ) : (
              <ul>
                {r.breaches.map((b) => (
                  <li key={`${b.name}:${b.kind}`}>
                    {term("kind", b.kind)} · {term("milestone", b.name)}: {b.breaches} —{" "}
                    {b.reasons.length ? b.reasons.join("; ") : tr("w.pdca.noReason")}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h3>{tr("w.pdca.act")}</h3>
            {r.correctiveActions.length === 0 ? (
              <p class="hint">{tr("w.pdca.noActions")}</p>
            ) : (
              <ul>
                {r.correctiveActions.map((a, i) => (
                  <li key={i} class="corrective-action">
                    <strong>{a.department}</strong> · {tr("w.pdca.labelled", { label: tr("w.f.cause"), text: a.cause })}
                    <br />
                    {tr("w.pdca.labelled", { label: tr("w.f.correctiveAction"), text: a.correctiveAction })}
                    <br />
                    {tr("w.pdca.labelled", { label: tr("w.f.preventiveAction"), text: a.preventiveAction })}
                  </li>
                ))}
              </ul>
            )}
            <h3>{tr("w.pdca.plan")}</h3>
            {r.topCategories.length === 0 && <p class="hint">{tr("w.pdca.noCategories")}</p>}
            <ul>
              {r.topCategories.map((c) => (
                <li key={`${c.kind}:${c.category}`} data-category={c.category}>
                  {term("kind", c.kind)} · {defaultCategoryName(c.kind, c.category, currentLocale()) ?? c.category}: {c.requests}
                </li>
              ))}
            </ul>
          </section>
        </PrintSheet>
      )}
    </Async>
  );
}

import { reportingDaysBefore } from "@wuye/core/supervision";
import type { Compliance, OverdueRows, Overview, Ranking, Trends } from "../api/types.ts";
import { answer, refine } from "../lib/api.ts";
import { fmtDateTime, fmtDuration, term, tr } from "../lib/i18n.ts";
import { type QueryState, useQuery } from "../lib/query.ts";
import { match, navigate, useLocation } from "../lib/router.ts";
import { staffApi } from "../lib/session.ts";
import { useStaffSession } from "../lib/use-session.ts";
import { Async, Badge, Card, ErrorBox } from "../ui/kit.tsx";
import { LoginForm } from "../ui/login.tsx";
import { TopBar } from "../ui/shell.tsx";
import { SignedInAs } from "../ui/signed-in.tsx";
import { TrendChart } from "./chart.tsx";
import { Csv } from "../ui/csv-link.tsx";
import { pct, satisfaction, tone } from "./format.ts";
import { ReportPage, ReportsList } from "./pdca.tsx";
import { SurveyResults } from "./surveys.tsx";

const PERIODS = [7, 30, 90] as const;

/** The first reporting day of the last `days` days, as the API counts them. */
const fromDate = (days: number) => reportingDaysBefore(Date.now(), days);

function ComplianceTable({ rows }: { rows: Compliance[] }) {
  if (!rows.length) return <p class="hint">{tr("w.hq.noData")}</p>;
  return (
    <div class="table-wrap">
      <table id="compliance">
        <thead>
          <tr>
            <th scope="col">{tr("w.hq.milestone")}</th>
            <th scope="col" class="num">
              {tr("w.hq.onTime")}
            </th>
            <th scope="col" class="num">
              {tr("w.hq.late")}
            </th>
            <th scope="col" class="num">
              {tr("w.hq.overdueOpen")}
            </th>
            <th scope="col" class="num">
              {tr("w.hq.overdueClosed")}
            </th>
            <th scope="col" class="num">
              {tr("w.hq.openInTime")}
            </th>
            <th scope="col">{tr("w.hq.compliance")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.milestone} data-milestone={r.milestone}>
              <td>{term("milestone", r.milestone)}</td>
              <td class="num">{r.metOnTime}</td>
              <td class="num">{r.metLate}</td>
              <td class="num">{r.overdueOpen}</td>
              <td class="num">{r.overdueClosed}</td>
              <td class="num">{r.openInTime}</td>
              <td>
                <div class="bar" role="img" aria-label={pct(r.compliance)}>
                  <span style={`width:${r.compliance ?? 0}%`} />
                </div>
                <Badge tone={tone(r.compliance)}>{pct(r.compliance)}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cards({ o }: { o: Overview }) {
  const stat = (id: string, v: string | number, l: string) => (
    <div class="stat" id={`stat-${id}`}>
      <div class="v">{v}</div>
      <div class="l">{l}</div>
    </div>
  );
  return (
    <div class="cards">
      {stat("requests", o.requests, tr("w.hq.requests"))}
      {stat("compliance", pct(o.onTimeRate), tr("w.hq.onTimeRate"))}
      {stat("overdue", o.overdueNow, tr("w.hq.overdueNow"))}
      {stat("complaints", o.complaintRatePer1000Units ?? "—", tr("w.hq.complaintRate"))}
      {stat("satisfaction", satisfaction(o.satisfaction, o.satisfactionScale), tr("w.hq.satisfactionScale", { n: o.satisfactionScale }))}
      {stat("repeat", o.repeatComplaints, tr("w.hq.repeat"))}
    </div>
  );
}

function Dashboard({ days }: { days: number }) {
  const from = fromDate(days);
  const period = `from=${from}`;
  const trendQuery = { from, granularity: days > 30 ? ("week" as const) : ("day" as const) };
  const overview = useQuery(
    `hq:overview:${period}`,
    () => answer(staffApi.hq.overview.$get({ query: { from } })).then(refine<Overview>()),
    { pollMs: 15_000 },
  );
  const trends = useQuery(`hq:trends:${period}`, () => answer(staffApi.hq.trends.$get({ query: trendQuery })).then(refine<Trends>()), {
    pollMs: 60_000,
  });
  const ranking = useQuery(`hq:branches:${period}`, () => answer(staffApi.hq.branches.$get({ query: { from } })).then(refine<Ranking>()), {
    pollMs: 15_000,
  });
  const overdue = useQuery("hq:overdue", loadOverdue, { pollMs: 15_000 });
  return (
    <>
      <Async q={overview}>{(o) => <Cards o={o} />}</Async>
      <div class="grid2">
        <Card
          title={
            <>
              {tr("w.hq.complianceByMilestone")}{" "}
              <Csv endpoint={staffApi.hq.overview} args={{ query: { from, format: "csv" } }} name="compliance" />
            </>
          }
          id="compliance-card"
        >
          <Async q={overview}>{(o) => <ComplianceTable rows={o.compliance} />}</Async>
        </Card>
        <Card
          title={
            <>
              {tr("w.hq.trends")} <Csv endpoint={staffApi.hq.trends} args={{ query: { ...trendQuery, format: "csv" } }} name="trends" />
            </>
          }
        >
          <Async q={trends}>{(t) => <TrendChart items={t.items} />}</Async>
        </Card>
      </div>
      <Card
        title={
          <>
            {tr("w.hq.ranking")} <Csv endpoint={staffApi.hq.branches} args={{ query: { from, format: "csv" } }} name="branches" />
          </>
        }
        id="ranking"
      >
        <Async q={ranking}>
          {(r) => (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{tr("w.hq.branch")}</th>
                    <th scope="col" class="num">
                      {tr("w.hq.requests")}
                    </th>
                    <th scope="col">{tr("w.hq.compliance")}</th>
                    <th scope="col" class="num">
                      {tr("w.hq.overdueNow")}
                    </th>
                    <th scope="col" class="num">
                      {tr("w.hq.complaintRate")}
                    </th>
                    <th scope="col" class="num">
                      {tr("w.hq.satisfaction")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {r.items.map((b) => (
                    <tr key={b.branch} class="clickable" data-branch={b.branch} onClick={() => navigate(`/hq/b/${b.branch}?days=${days}`)}>
                      <td>{b.rank}</td>
                      <td>
                        <a href={`/hq/b/${b.branch}?days=${days}`}>{b.name}</a>
                      </td>
                      <td class="num">{b.requests}</td>
                      <td>
                        <Badge tone={tone(b.compliance)}>{pct(b.compliance)}</Badge>
                      </td>
                      <td class="num">{b.overdueNow}</td>
                      <td class="num">{b.complaintRatePer1000Units ?? "—"}</td>
                      <td class="num">{satisfaction(b.satisfaction, b.satisfactionScale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Async>
      </Card>
      <SurveyResults from={from} csv={<Csv endpoint={staffApi.hq.surveys} args={{ query: { from, format: "csv" } }} name="surveys" />} />
      <OverdueList q={overdue} />
    </>
  );
}

const loadOverdue = () => answer(staffApi.hq.overdue.$get({ query: { limit: "50" } })).then(refine<OverdueRows>());

function OverdueList({ q, branch }: { q: QueryState<OverdueRows>; branch?: string }) {
  return (
    <Card
      title={
        <>
          {tr("w.hq.overdueList")} <Csv endpoint={staffApi.hq.overdue} args={{ query: { format: "csv" } }} name="overdue" />
        </>
      }
      id="overdue"
    >
      <Async q={q}>
        {(d) => {
          const items = branch ? d.items.filter((i) => i.branch === branch) : d.items;
          return items.length ? (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{tr("w.hq.branch")}</th>
                    <th scope="col">{tr("w.reg.kind")}</th>
                    <th scope="col">{tr("w.hq.milestone")}</th>
                    <th scope="col">{tr("w.ms.dueAt", { at: "" })}</th>
                    <th scope="col">{tr("w.hq.age")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr key={i.milestoneId} class="clickable" onClick={() => navigate(`/hq/r/${i.requestId}`)}>
                      <td>{i.name}</td>
                      <td>{term("kind", i.kind)}</td>
                      <td>
                        <a href={`/hq/r/${i.requestId}`}>{term("milestone", i.milestone)}</a>
                      </td>
                      <td>{fmtDateTime(i.dueAt)}</td>
                      <td>
                        <Badge tone="bad">{fmtDuration(i.ageMinutes * 60_000)}</Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p class="hint">{tr("w.hq.noOverdue")}</p>
          );
        }}
      </Async>
    </Card>
  );
}

function BranchDrill({ slug, days }: { slug: string; days: number }) {
  const from = fromDate(days);
  const branch = { param: { branch: encodeURIComponent(slug) } };
  const o = useQuery(
    `hq:branch:${slug}:from=${from}`,
    () => answer(staffApi.hq.branches[":branch"].$get({ ...branch, query: { from } })).then(refine<Overview>()),
    { pollMs: 15_000 },
  );
  const overdue = useQuery("hq:overdue", loadOverdue, { pollMs: 15_000 });
  return (
    <Async q={o}>
      {(b) => (
        <div id="branch-drill" data-branch={slug}>
          <h2>
            {b.name}{" "}
            <Csv endpoint={staffApi.hq.branches[":branch"]} args={{ ...branch, query: { from, format: "csv" } }} name={`branch-${slug}`} />
          </h2>
          <Cards o={b} />
          <Card title={tr("w.hq.complianceByMilestone")}>
            <ComplianceTable rows={b.compliance} />
          </Card>
          <Card title={tr("w.hq.byKind")}>
            <ul class="plain">
              {Object.entries(b.byKind).map(([k, n]) => (
                <li key={k}>
                  {term("kind", k)}: {n}
                </li>
              ))}
            </ul>
          </Card>
          <OverdueList q={overdue} branch={slug} />
          <p>
            <a href={`/hq?days=${days}`}>{tr("w.hq.back")}</a>
          </p>
        </div>
      )}
    </Async>
  );
}

/** `GET /hq/requests/{id}`: documented as `unknown`. */
type Facts = {
  requestId: string;
  branch: string | null;
  branchName: string | null;
  kind: string;
  category: string | null;
  urgency: string;
  channel: string;
  status: string;
  createdAt: string | null;
  closedAt: string | null;
  milestones: Array<{
    name: string;
    startAt: string | null;
    dueAt: string | null;
    status: string;
    metAt: string | null;
    breachedAt: string | null;
    pausedMinutes: number;
  }>;
};

/** A milestone's state in words: met (on time or late), paused, cancelled, or still running. */
function milestoneState(m: Facts["milestones"][number]): string {
  if (m.status === "met") return tr(m.metAt && m.dueAt && m.metAt > m.dueAt ? "w.ms.metLate" : "w.ms.met");
  if (m.status === "paused") return tr("w.ms.paused");
  if (m.status === "cancelled") return tr("w.ms.cancelled");
  return tr("w.ms.running");
}

function RequestFacts({ id }: { id: string }) {
  const q = useQuery(`hq:req:${id}`, () =>
    answer(staffApi.hq.requests[":id"].$get({ param: { id: encodeURIComponent(id) } })).then(refine<Facts>()),
  );
  return (
    <Async q={q}>
      {(f) => (
        <Card title={`${term("kind", f.kind)} · ${f.branchName ?? ""}`} id="hq-request">
          <p class="hint">{tr("w.hq.noPii")}</p>
          <dl class="kv">
            <dt>{tr("w.reg.status")}</dt>
            <dd>{term("state", f.status)}</dd>
            <dt>{tr("w.new.channel")}</dt>
            <dd>{term("channel", f.channel)}</dd>
            <dt>{tr("w.reg.created")}</dt>
            <dd>{fmtDateTime(f.createdAt)}</dd>
            <dt>{tr("w.hq.closed")}</dt>
            <dd>{fmtDateTime(f.closedAt)}</dd>
          </dl>
          <table>
            <thead>
              <tr>
                <th>{tr("w.hq.milestone")}</th>
                <th>{tr("w.ms.dueAt", { at: "" })}</th>
                <th>{tr("w.reg.status")}</th>
                <th class="num">{tr("w.hq.paused")}</th>
              </tr>
            </thead>
            <tbody>
              {f.milestones.map((m, i) => (
                <tr key={i}>
                  <td>{term("milestone", m.name)}</td>
                  <td>{fmtDateTime(m.dueAt)}</td>
                  <td>{m.breachedAt ? <Badge tone="bad">{tr("w.hq.breached")}</Badge> : milestoneState(m)}</td>
                  <td class="num">{m.pausedMinutes}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <a href="/hq">{tr("w.hq.back")}</a>
          </p>
        </Card>
      )}
    </Async>
  );
}

/** The head-office (or region) dashboard: /hq[/b/{branch} | /r/{requestId} | /reports[/{month}]]?days=7|30|90. No resident data. */
export default function Hq({ rest }: { rest: string }) {
  const session = useStaffSession();
  const { query } = useLocation();
  const days = PERIODS.includes(Number(query.get("days")) as 7) ? Number(query.get("days")) : 30;
  if (!session || session.staff.mustChangePassword) {
    return (
      <>
        <TopBar title={tr("web.home.hq")} />
        <LoginForm title={tr("w.hq.login")} />
      </>
    );
  }
  const path = rest || "/";
  const drill = match("/b/:slug", path);
  const req = match("/r/:id", path);
  const report = match("/reports/:month", path);
  const setDays = (d: number) => navigate(`${location.pathname}?days=${d}`, { replace: true });
  return (
    <div class="hq">
      <TopBar
        wide
        title={tr("web.home.hq")}
        home="/hq"
        nav={
          <>
            <div class="chips" role="group" aria-label={tr("w.hq.period")}>
              {PERIODS.map((d) => (
                <button key={d} type="button" aria-pressed={d === days} data-days={d} onClick={() => setDays(d)}>
                  {tr("w.hq.days", { n: d })}
                </button>
              ))}
            </div>
            <a href="/hq/reports" aria-current={path.startsWith("/reports") ? "page" : undefined}>
              {tr("w.pdca.nav")}
            </a>
            <SignedInAs session={session} />
          </>
        }
      />
      <main class="page" id="hq">
        {session.staff.branch ? (
          <ErrorBox error={tr("w.hq.branchUser")} />
        ) : drill ? (
          <BranchDrill slug={drill.slug!} days={days} />
        ) : req ? (
          <RequestFacts id={req.id!} />
        ) : path === "/reports" ? (
          <ReportsList />
        ) : report ? (
          <ReportPage month={report.month!} branch={query.get("branch")} />
        ) : (
          <Dashboard days={days} />
        )}
      </main>
    </div>
  );
}

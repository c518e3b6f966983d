import type { SurveyList } from "../api/types.ts";
import { answer, refine } from "../lib/api.ts";
import { fmtDateTime, tr } from "../lib/i18n.ts";
import { useQuery } from "../lib/query.ts";
import { staffApi } from "../lib/session.ts";
import { Async, Card } from "../ui/kit.tsx";
import { pct } from "./format.ts";

/** Each branch's satisfaction surveys in the period: response rate and mean score, never who answered. */
export function SurveyResults({ from, csv }: { from: string; csv: preact.ComponentChildren }) {
  const q = useQuery(`hq:surveys:${from}`, () => answer(staffApi.hq.surveys.$get({ query: { from } })).then(refine<SurveyList>()), {
    pollMs: 60_000,
  });
  return (
    <Card
      title={
        <>
          {tr("w.hq.surveys")} {csv}
        </>
      }
      id="surveys"
    >
      <Async q={q}>
        {(r) =>
          r.items.length === 0 ? (
            <p class="hint">{tr("w.hq.noSurveys")}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{tr("w.hq.branch")}</th>
                    <th scope="col">{tr("w.hq.surveyTitle")}</th>
                    <th scope="col">{tr("w.hq.sentAt")}</th>
                    <th scope="col" class="num">
                      {tr("w.hq.responses")}
                    </th>
                    <th scope="col" class="num">
                      {tr("w.hq.meanScore")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {r.items.map((s) => (
                    <tr key={`${s.branch}:${s.title}:${s.sentAt}`} data-branch={s.branch}>
                      <td>{s.name}</td>
                      <td>
                        {s.title}
                        {s.closed ? ` · ${tr("w.hq.closed")}` : ""}
                      </td>
                      <td>{s.sentAt ? fmtDateTime(s.sentAt) : "—"}</td>
                      <td class="num">
                        {s.responses}/{s.recipients} ({pct(s.responseRate)})
                      </td>
                      <td class="num">
                        {s.mean === null ? "—" : `${s.mean}/${s.scale}`} ({pct(s.percent)})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </Card>
  );
}

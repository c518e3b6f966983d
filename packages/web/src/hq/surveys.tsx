import type { SurveyList } from "../api/types.ts";
import { answer, refine } from "../lib/api.ts";
import { fmtDateTime, tr } from "../lib/i18n.ts";
import { useQuery } from "../lib/query.ts";
import { staffApi } from "../lib/session.ts";
import { ListTable } from "../ui/list-table.tsx";
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
        {(r) => (
          <ListTable
            items={r.items}
            empty={tr("w.hq.noSurveys")}
            heads={[
              "w.hq.branch",
              "w.hq.surveyTitle",
              "w.hq.sentAt",
              { text: "w.hq.responses", num: true },
              { text: "w.hq.meanScore", num: true },
            ]}
            row={(s) => (
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
            )}
          />
        )}
      </Async>
    </Card>
  );
}

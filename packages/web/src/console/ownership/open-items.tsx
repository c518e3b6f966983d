import { useState } from "preact/hooks";
import { fmtDateTime, term, tr } from "../../lib/i18n.ts";
import { invalidate, useQuery } from "../../lib/query.ts";
import { answer } from "../../lib/api.ts";
import { staffApi } from "../../lib/session.ts";
import { Async, Badge, Card } from "../../ui/kit.tsx";
import { useColleagues } from "./colleagues.ts";
import { HandOverDecision } from "./decision.tsx";

export const OPEN_ITEMS_KEY = "me:open-items";

/** My shift: hand-overs offered to me (accept or decline) and the open requests I own (谁受理、谁跟进、谁回复). */
export function OpenItemsPage() {
  const q = useQuery(OPEN_ITEMS_KEY, () => answer(staffApi.console.me["open-items"].$get()), { pollMs: 15_000, staleMs: 0 });
  const { nameOf } = useColleagues();
  const [status, setStatus] = useState<string | null>(null);
  const decided = (message: string) => {
    setStatus(message);
    invalidate(OPEN_ITEMS_KEY);
    invalidate("req:");
  };
  return (
    <Async q={q}>
      {(d) => (
        <div id="open-items">
          {status && (
            <p class="success" role="status">
              {status}
            </p>
          )}
          <Card title={`${tr("w.mine.offered")} (${d.offered.length})`} id="offered">
            {d.offered.length === 0 ? (
              <p class="hint">{tr("w.mine.noOffers")}</p>
            ) : (
              <ul class="plain list">
                {d.offered.map((o) => (
                  <li key={o.id} data-code={o.trackingCode}>
                    <p>
                      <a href={`/console/r/${o.requestId}`} class="code">
                        {o.trackingCode}
                      </a>{" "}
                      · {term("kind", o.kind)} · {tr("w.mine.from", { from: nameOf(o.fromId), at: fmtDateTime(o.createdAt) })}
                    </p>
                    {o.note && <p class="hint">“{o.note}”</p>}
                    <HandOverDecision requestId={o.requestId} onDone={decided} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={`${tr("w.mine.items")} (${d.items.length})`} id="my-items">
            {d.items.length === 0 ? (
              <p class="hint">{tr("w.mine.none")}</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>{tr("w.mine.code")}</th>
                      <th>{tr("w.mine.kind")}</th>
                      <th>{tr("w.track.state")}</th>
                      <th>{tr("w.mine.created")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.items.map((r) => (
                      <tr key={r.id} data-code={r.trackingCode}>
                        <td>
                          <a href={`/console/r/${r.id}`}>{r.trackingCode}</a>
                        </td>
                        <td>
                          {term("kind", r.kind)} {r.urgency === "urgent" && <Badge tone="bad">{term("urgency", "urgent")}</Badge>}
                        </td>
                        <td>{term("state", r.status)}</td>
                        <td>{fmtDateTime(r.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </div>
      )}
    </Async>
  );
}

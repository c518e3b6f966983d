import { useState } from "preact/hooks";
import { answer } from "../../lib/api.ts";
import { errorText } from "../../lib/form.ts";
import { fmtDateTime, tr } from "../../lib/i18n.ts";
import { useQuery } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { ListTable } from "../../ui/list-table.tsx";
import { channelName, DeliveryState, deliveryReason } from "../../ui/delivery.tsx";
import { Async, Card, ErrorBox } from "../../ui/kit.tsx";

const STATUSES = ["problems", "held", "failed", "dead", "sent"] as const;
type Filter = (typeof STATUSES)[number];

/** Held, failed and dead-lettered notifications (SMS, email, webhook) with the reason, each with "retry now". */
export function DeliveriesPage() {
  const [filter, setFilter] = useState<Filter>("problems");
  const query = filter === "problems" ? {} : { status: filter };
  const q = useQuery(`deliveries:${filter}`, () => answer(staffApi.console.deliveries.$get({ query })), { pollMs: 30_000 });
  const [done, setDone] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function retry(id: string) {
    setError(null);
    try {
      await staffApi.console.deliveries[":notificationId"].retry.$post({ param: { notificationId: encodeURIComponent(id) } });
      setDone((d) => ({ ...d, [id]: tr("w.manager.queued") }));
      setTimeout(() => void q.refetch(), 1500);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <Card title={tr("w.manager.deliveries")} id="deliveries">
      <div class="chips" role="group" aria-label={tr("w.manager.deliveryFilter")}>
        {STATUSES.map((s) => (
          <button key={s} type="button" aria-pressed={s === filter} data-status={s} onClick={() => setFilter(s)}>
            {tr(`w.manager.delivery.${s}`)}
          </button>
        ))}
      </div>
      <ErrorBox error={error} />
      <Async q={q}>
        {(d) => (
          <ListTable
            items={d.items}
            empty={tr("w.manager.noDeliveries")}
            heads={[
              "w.manager.at",
              "w.manager.channel",
              "w.manager.recipient",
              "w.manager.subject",
              "w.reg.status",
              "w.manager.reason",
              { text: "w.manager.attempts", num: true },
              {},
            ]}
            row={(i) => (
              <tr key={`${i.notificationId}:${i.channel}:${i.recipient}`} data-delivery={i.notificationId} data-status={i.status}>
                <td>{fmtDateTime(i.at)}</td>
                <td>{channelName(i.channel)}</td>
                <td>{i.recipient}</td>
                <td>{i.subject ?? "—"}</td>
                <td>
                  <DeliveryState status={i.status} />
                </td>
                <td class="reason">{deliveryReason(i.error)}</td>
                <td class="num">{i.attempts}</td>
                <td>
                  {i.status !== "sent" &&
                    (done[i.notificationId] ? (
                      <span role="status" class="hint">
                        {done[i.notificationId]}
                      </span>
                    ) : (
                      <button type="button" class="small" data-retry={i.notificationId} onClick={() => void retry(i.notificationId)}>
                        {tr("w.manager.retry")}
                      </button>
                    ))}
                </td>
              </tr>
            )}
          />
        )}
      </Async>
    </Card>
  );
}

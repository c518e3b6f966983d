import { answer } from "../lib/api.ts";
import { fmtDateTime, tr } from "../lib/i18n.ts";
import { useQuery } from "../lib/query.ts";
import { staffApi } from "../lib/session.ts";
import { channelName, DeliveryState, deliveryReason } from "../ui/delivery.tsx";
import { Async, Card } from "../ui/kit.tsx";

/**
 * What was sent to the resident and staff about this request, and what an SMS limit held: whoever opens the
 * request sees that the caller never got the tracking link, and gives them the code.
 */
export function RequestMessages({ id }: { id: string }) {
  const q = useQuery(`req:${id}:deliveries`, () => answer(staffApi.console.requests[":id"].deliveries.$get({ param: { id } })), {
    pollMs: 30_000,
  });
  return (
    <Card title={tr("w.req.messages")} id="request-messages">
      <Async q={q}>
        {(d) => (
          <>
            {d.items.some((i) => i.type === "request.trackingLink" && i.status === "held") && (
              <p class="notice-box" role="status" id="link-held">
                {tr("w.req.linkHeld")}
              </p>
            )}
            {d.items.length === 0 ? (
              <p class="hint">{tr("w.req.noMessages")}</p>
            ) : (
              <ol class="timeline">
                {d.items.map((i) => (
                  <li key={`${i.notificationId}:${i.channel}:${i.recipient}`} data-type={i.type ?? ""} data-status={i.status}>
                    <time dateTime={i.at}>{fmtDateTime(i.at)}</time> <strong>{i.subject ?? channelName(i.channel)}</strong>{" "}
                    <DeliveryState status={i.status} />{" "}
                    <span class="hint">
                      {channelName(i.channel)} · {i.recipient}
                    </span>
                    {i.status !== "sent" && <div class="reason">{deliveryReason(i.error)}</div>}
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </Async>
    </Card>
  );
}

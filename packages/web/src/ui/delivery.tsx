import { readSmsHold } from "@wuye/core/notification";
import { tr } from "../lib/i18n.ts";
import { known } from "../console/manager/known.ts";
import { Badge } from "./kit.tsx";

const CHANNELS = ["sms", "email", "webhook", "inbox"] as const;
const DELIVERY_STATES = ["held", "failed", "dead", "sent", "pending"] as const;

/** A text held by an SMS limit says so in the reader's language; a gateway's own reason is shown as it came. */
export function deliveryReason(error: string | null): string {
  const hold = readSmsHold(error);
  return hold ? tr(`sms.held.${hold.reason}`, { limit: hold.limit }) : (error ?? "—");
}

export const channelName = (channel: string) => known(CHANNELS, channel, (c) => tr(`w.manager.channel.${c}`));

/** Sent, held, failed or dead-lettered, in words and colour. */
export function DeliveryState({ status }: { status: string }) {
  return (
    <Badge tone={status === "sent" ? "ok" : status === "dead" ? "bad" : "warn"}>
      {known(DELIVERY_STATES, status, (c) => tr(`w.manager.delivery.${c}`))}
    </Badge>
  );
}

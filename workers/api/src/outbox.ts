import type { OutboxMessage } from "@wuye/db";
import type { Services } from "./services.ts";

/** The outbox's send function for this worker's queue bindings. */
export function sendToQueue(s: Pick<Services, "queues">) {
  return async (topic: string, messages: OutboxMessage[]) => {
    const queue = topic === "notifications" ? s.queues.notifications : s.queues.requestEvents;
    await queue.sendBatch(messages.map((m) => ({ body: { ...m.payload, outboxId: m.outboxId } })));
  };
}

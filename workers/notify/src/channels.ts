import { type BranchDb, recordDelivery } from "@wuye/db";

export interface OutgoingMessage {
  notificationId: string;
  to: string;
  subject?: string;
  body: string;
}

/** A failure the provider will answer the same way next time (4xx): not retried. */
export class PermanentFailure extends Error {}

export interface Channel {
  name: string;
  send(db: BranchDb, m: OutgoingMessage): Promise<void>;
}

/** Development and tests: the message is stored as sent, and shown at /api/v1/dev/outbox. */
export const devSink = (name: "sms" | "email"): Channel => ({
  name: `dev-${name}`,
  async send(db, m) {
    await recordDelivery(db, { id: `${m.notificationId}:${name}:${m.to}`, notificationId: m.notificationId, channel: `dev-${name}`, recipient: m.to, subject: m.subject ?? null, body: m.body, status: "sent", createdAt: Date.now() });
  },
});

/** A provider's HTTP API (an SMS gateway): JSON POST with a bearer token. */
export const httpGateway = (name: string, url: string, token: string): Channel => ({
  name,
  async send(db, m) {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "idempotency-key": m.notificationId },
      body: JSON.stringify({ to: m.to, subject: m.subject, text: m.body }),
    });
    if (res.status >= 400 && res.status < 500) throw new PermanentFailure(`${name} refused: ${res.status}`);
    if (!res.ok) throw new Error(`${name} failed: ${res.status}`);
    await recordDelivery(db, { id: `${m.notificationId}:${name}:${m.to}`, notificationId: m.notificationId, channel: name, recipient: m.to, subject: m.subject ?? null, body: m.body, status: "sent", createdAt: Date.now() });
  },
});

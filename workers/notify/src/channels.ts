import { signWebhook } from "@wuye/core";

export interface OutgoingMessage {
  notificationId: string;
  to: string;
  subject: string;
  body: string;
  payload: Record<string, unknown>;
}

/** A failure the provider will answer the same way next time (4xx, no configuration): not retried. */
export class PermanentFailure extends Error {}

export interface Channel {
  name: "sms" | "email" | "webhook";
  send(m: OutgoingMessage): Promise<void>;
}

async function post(name: string, url: string, headers: Record<string, string>, body: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new Error(`${name} unreachable: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (res.status >= 400 && res.status < 500) throw new PermanentFailure(`${name} refused with ${res.status}`);
  if (!res.ok) throw new Error(`${name} failed with ${res.status}`);
}

/** A provider's HTTP API (SMS or email gateway): JSON POST with a bearer token and an idempotency key. */
export const providerChannel = (name: "sms" | "email", url: string, token: string): Channel => ({
  name,
  send: (m) =>
    post(
      name,
      url,
      { authorization: `Bearer ${token}`, "idempotency-key": `${m.notificationId}:${m.to}` },
      JSON.stringify({ to: m.to, subject: m.subject, text: m.body }),
    ),
});

/** A branch's signed webhook (team chat bot relay, ticket bridge): see core/notification/webhook.ts. */
export const webhookChannel = (url: string, secret: string): Channel => ({
  name: "webhook",
  async send(m) {
    const body = JSON.stringify({ id: m.notificationId, title: m.subject, text: m.body, ...m.payload });
    const signature = await signWebhook(secret, body, Date.now(), crypto.randomUUID());
    await post("webhook", url, { "x-wuye-signature": signature, "idempotency-key": m.notificationId }, body);
  },
});

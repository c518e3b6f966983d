// Signed webhooks (a WeChat Work / DingTalk / Feishu bot relay, or a branch's SMS gateway):
// header `x-wuye-signature: t=<unix seconds>,n=<nonce>,v1=<hex HMAC-SHA256 of "t.n.body">`.
// Receivers verify the signature, refuse timestamps outside the window, and refuse a nonce seen before.

const enc = new TextEncoder();
export const WEBHOOK_SIGNATURE_HEADER = "x-wuye-signature";
export const WEBHOOK_WINDOW_SECONDS = 300;

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(message)));
  return Array.from(sig, (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function signWebhook(secret: string, body: string, nowMs: number, nonce: string): Promise<string> {
  const ts = Math.floor(nowMs / 1000);
  return `t=${ts},n=${nonce},v1=${await hmacHex(secret, `${ts}.${nonce}.${body}`)}`;
}

export type WebhookVerdict = { ok: true; nonce: string } | { ok: false; reason: "malformed" | "bad-signature" | "stale" | "replayed" };

/** The receiver's check. `seenBefore` records the nonce and says whether it was already used. */
export async function verifyWebhook(
  secret: string,
  header: string | null,
  body: string,
  nowMs: number,
  seenBefore: (nonce: string) => boolean | Promise<boolean>,
): Promise<WebhookVerdict> {
  const m = /^t=(\d{1,12}),n=([\w-]{8,64}),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (!m) return { ok: false, reason: "malformed" };
  const [, ts, nonce, sig] = m as unknown as [string, string, string, string];
  const expected = await hmacHex(secret, `${ts}.${nonce}.${body}`);
  let diff = 0;
  for (let i = 0; i < 64; i++) diff |= expected.charCodeAt(i) ^ sig.charCodeAt(i);
  if (diff !== 0) return { ok: false, reason: "bad-signature" };
  if (Math.abs(nowMs / 1000 - Number(ts)) > WEBHOOK_WINDOW_SECONDS) return { ok: false, reason: "stale" };
  if (await seenBefore(nonce)) return { ok: false, reason: "replayed" };
  return { ok: true, nonce };
}

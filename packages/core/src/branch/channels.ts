import { z } from "zod";
import { BadInput } from "../errors/index.ts";
import { QuietHoursSchema } from "../notification/types.ts";
import type { NotificationSettingsSchema } from "./settings.ts";

type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

// The notification channels as the branch manager edits them: secrets are write-only. A gateway's token left
// out keeps the stored one; the webhook's signing secret is only ever made here (rotated), never typed.

const HttpUrl = z.url({ protocol: /^https?$/ }).max(500);
const GatewayInput = z.strictObject({ url: HttpUrl, token: z.string().min(1).max(500).optional() });

export const NotificationChannelsInputSchema = z.strictObject({
  quietHours: QuietHoursSchema,
  sms: GatewayInput.nullable(),
  email: GatewayInput.nullable(),
  webhook: z.strictObject({ url: HttpUrl }).nullable(),
});
export type NotificationChannelsInput = z.infer<typeof NotificationChannelsInputSchema>;

/**
 * The stored channels after an edit. A new gateway needs its token; a new webhook gets `newSecret`. Throws
 * `BadInput` naming the missing token.
 */
export function applyChannels(
  current: NotificationSettings,
  input: NotificationChannelsInput,
  newSecret: () => string,
): NotificationSettings {
  const gateway = (name: "sms" | "email") => {
    const g = input[name];
    if (!g) return undefined;
    const token = g.token ?? current[name]?.token;
    if (!token) throw new BadInput("a new gateway needs its token", [{ path: `${name}.token`, message: "required for a new gateway" }]);
    return { url: g.url, token };
  };
  const webhook = input.webhook
    ? { ...current.webhook, url: input.webhook.url, secret: current.webhook?.secret ?? newSecret() }
    : undefined;
  const sms = gateway("sms");
  const email = gateway("email");
  return {
    quietHours: input.quietHours,
    ...(webhook ? { webhook } : {}),
    ...(sms ? { sms } : {}),
    ...(email ? { email } : {}),
  };
}

/** A fresh webhook signing secret: 32 random bytes, hex. */
export function newWebhookSecret(): string {
  return [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

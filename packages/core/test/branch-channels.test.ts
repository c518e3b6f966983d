import { describe, expect, it } from "vitest";
import { applyChannels, BadInput, NotificationChannelsInputSchema, newWebhookSecret } from "../src/index.ts";

const current = {
  quietHours: { from: "22:00", to: "07:00" },
  sms: { url: "https://sms.example/send", token: "sms-secret" },
  webhook: { url: "https://hook.example/in", secret: "s".repeat(32), types: ["milestone.breach" as const] },
};
const fresh = () => "new-secret-0123456789";

describe("notification channels as the branch manager edits them", () => {
  it("keeps a stored token and secret when none is typed", () => {
    const next = applyChannels(
      current,
      {
        quietHours: { from: "23:00", to: "06:30" },
        sms: { url: "https://sms2.example/send" },
        email: null,
        webhook: { url: "https://hook.example/v2" },
      },
      fresh,
    );
    expect(next).toEqual({
      quietHours: { from: "23:00", to: "06:30" },
      sms: { url: "https://sms2.example/send", token: "sms-secret" },
      webhook: { url: "https://hook.example/v2", secret: "s".repeat(32), types: ["milestone.breach"] },
    });
  });

  it("needs the token of a new gateway and gives a new webhook its own secret", () => {
    expect(() =>
      applyChannels(current, { quietHours: current.quietHours, sms: null, email: { url: "https://mail.example" }, webhook: null }, fresh),
    ).toThrow(BadInput);
    const next = applyChannels(
      { quietHours: current.quietHours },
      { quietHours: current.quietHours, sms: null, email: null, webhook: { url: "https://h.example" } },
      fresh,
    );
    expect(next.webhook).toEqual({ url: "https://h.example", secret: "new-secret-0123456789" });
  });

  it("removes a channel set to null, and refuses garbage", () => {
    expect(applyChannels(current, { quietHours: current.quietHours, sms: null, email: null, webhook: null }, fresh)).toEqual({
      quietHours: current.quietHours,
    });
    expect(
      NotificationChannelsInputSchema.safeParse({ quietHours: { from: "x", to: "07:00" }, sms: null, email: null, webhook: null }).success,
    ).toBe(false);
    expect(
      NotificationChannelsInputSchema.safeParse({
        quietHours: current.quietHours,
        sms: { url: "javascript:alert(1)" },
        email: null,
        webhook: null,
      }).success,
    ).toBe(false);
  });

  it("makes 64 hex characters of secret, different each time", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});

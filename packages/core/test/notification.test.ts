import { describe, expect, it } from "vitest";
import { CATALOG } from "../src/i18n/index.ts";
import {
  NOTICE_TYPES,
  renderNotice,
  retryDelaySeconds,
  secondsUntilQuietEnds,
  signWebhook,
  verifyWebhook,
} from "../src/notification/index.ts";

describe("notice templates", () => {
  it.each(NOTICE_TYPES)("%s has a title and body in zh-CN and en", (type) => {
    for (const locale of ["zh-CN", "en"] as const) {
      expect(CATALOG[locale][`notify.${type}.title` as keyof (typeof CATALOG)["en"]], `${locale} ${type}.title`).toBeTruthy();
      expect(CATALOG[locale][`notify.${type}.body` as keyof (typeof CATALOG)["en"]], `${locale} ${type}.body`).toBeTruthy();
    }
  });

  it("fills every placeholder it is given", () => {
    const r = renderNotice("resident.otp", "zh-CN", { code: "123456", branch: "阳光花园" });
    expect(r.body).toContain("123456");
    expect(r.body).toContain("阳光花园");
    expect(r.body).not.toMatch(/\{\w+\}/);
    expect(renderNotice("resident.otp", "en", { code: "123456", branch: "Sunshine" }).body).toContain("verification code is 123456");
  });
});

describe("quiet hours", () => {
  const q = { from: "22:00", to: "07:00" };
  it.each([
    ["2026-11-20T13:59:00Z", 0], // 21:59 Shanghai
    ["2026-11-20T14:00:00Z", 9 * 3600], // 22:00
    ["2026-11-20T18:30:00Z", 4.5 * 3600], // 02:30
    ["2026-11-20T23:00:00Z", 0], // 07:00
  ])("at %s waits %i s", (at, expected) => {
    expect(secondsUntilQuietEnds(q, "Asia/Shanghai", Date.parse(at))).toBe(expected);
  });
  it("handles a window that does not wrap midnight", () => {
    expect(secondsUntilQuietEnds({ from: "12:00", to: "14:00" }, "Asia/Shanghai", Date.parse("2026-11-20T05:00:00Z"))).toBe(3600);
    expect(secondsUntilQuietEnds({ from: "12:00", to: "14:00" }, "Asia/Shanghai", Date.parse("2026-11-20T07:00:00Z"))).toBe(0);
  });
});

describe("signed webhooks", () => {
  const secret = "branch-webhook-secret";
  const body = JSON.stringify({ type: "milestone.breach", trackingCode: "YGHY-22222-33333-44444-55555" });
  const now = Date.parse("2026-11-20T12:00:00Z");
  const memory = () => {
    const seen = new Set<string>();
    return (nonce: string) => (seen.has(nonce) ? true : (seen.add(nonce), false));
  };

  it("accepts a fresh, correctly signed call once", async () => {
    const header = await signWebhook(secret, body, now, "nonce-0001");
    const seen = memory();
    expect(await verifyWebhook(secret, header, body, now + 1000, seen)).toEqual({ ok: true, nonce: "nonce-0001" });
    expect(await verifyWebhook(secret, header, body, now + 2000, seen)).toEqual({ ok: false, reason: "replayed" });
  });

  it("refuses tampering, another secret, staleness and garbage", async () => {
    const header = await signWebhook(secret, body, now, "nonce-0002");
    expect(await verifyWebhook(secret, header, body.replace("breach", "warning"), now, memory())).toEqual({
      ok: false,
      reason: "bad-signature",
    });
    expect(await verifyWebhook("other-secret", header, body, now, memory())).toEqual({ ok: false, reason: "bad-signature" });
    expect(await verifyWebhook(secret, header, body, now + 301_000, memory())).toEqual({ ok: false, reason: "stale" });
    expect(await verifyWebhook(secret, header.replace(/t=\d+/, `t=${Math.floor(now / 1000) + 10}`), body, now, memory())).toEqual({
      ok: false,
      reason: "bad-signature",
    });
    for (const bad of [null, "", "t=1,n=x,v1=zz", "v1=abc"])
      expect(await verifyWebhook(secret, bad, body, now, memory())).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("retry backoff", () => {
  it.each([
    [1, 1, 2],
    [2, 2, 4],
    [5, 16, 32],
    [20, 150, 300],
  ])("attempt %i waits between %i and %i s", (attempts, lo, hi) => {
    const min = retryDelaySeconds(attempts, () => 0);
    const max = retryDelaySeconds(attempts, () => 1);
    expect(min).toBe(Math.max(1, lo));
    expect(max).toBe(hi);
  });
});

describe("branch skills", () => {
  it("defaults to named trades, refuses a duplicate code, and names a skill in the reader's language", async () => {
    const { BranchSettingsSchema, defaultBranchSettings, skillName, DEFAULT_SKILLS } = await import("../src/branch/settings.ts");
    const { skills: _omitted, ...rest } = defaultBranchSettings();
    const parsed = BranchSettingsSchema.parse(rest); // settings stored before skills existed
    expect(parsed.skills).toEqual(DEFAULT_SKILLS);
    expect(skillName(parsed.skills, "plumbing", "zh-CN")).toBe("水暖");
    expect(skillName(parsed.skills, "plumbing", "en")).toBe("Plumbing");
    expect(skillName(parsed.skills, "gone", "zh-CN")).toBe("gone");
    const dup = BranchSettingsSchema.safeParse({ ...rest, skills: [DEFAULT_SKILLS[0], DEFAULT_SKILLS[0]] });
    expect(dup.success).toBe(false);
    expect(dup.error?.issues[0]?.path).toEqual(["skills", 1, "code"]);
    const bad = BranchSettingsSchema.safeParse({ ...rest, skills: [{ code: "Plumbing!", name: { zh: "水", en: "W" } }] });
    expect(bad.success).toBe(false);
  });
});

describe("quiet hours hold back only SMS and email to residents", () => {
  it.each([
    ["request.dispatched", "resident", "inbox", false],
    ["request.dispatched", "resident", "sms", true],
    ["request.dispatched", "resident", "email", true],
    ["request.trackingLink", "contact", "sms", true],
    ["workOrder.dispatched", "staff", "sms", false],
    ["workOrder.dispatched", "staff", "inbox", false],
    ["milestone.warning", "branch", "webhook", false],
    ["resident.otp", "contact", "sms", false],
    ["request.alarm", "resident", "sms", false],
  ] as const)("%s to %s by %s: held %s", async (type, to, channel, held) => {
    const { heldByQuietHours } = await import("../src/notification/types.ts");
    expect(heldByQuietHours(type, to, channel)).toBe(held);
  });
});

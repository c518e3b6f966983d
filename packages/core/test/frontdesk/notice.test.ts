import { describe, expect, it } from "vitest";
import {
  audienceIncludes,
  isNoticeLive,
  NOTICE_STATUSES,
  NOTICE_TRANSITIONS,
  type NoticeAction,
  nextNoticeStatus,
  noticeBodyWithPhones,
  noticeCategoryName,
  noticeDisplay,
  NOTICE_CATEGORIES,
  type NoticeStatus,
} from "../../src/frontdesk/index.ts";

const T = Date.parse("2026-05-01T02:00:00Z");

describe("notice state machine", () => {
  const actions: NoticeAction[] = ["edit", "submit", "approve", "return", "expire"];
  const allowed: Record<string, NoticeStatus> = {
    "draft edit": "draft",
    "draft submit": "pending",
    "returned edit": "draft",
    "returned submit": "pending",
    "pending approve": "published",
    "pending return": "returned",
    "published expire": "expired",
    "emergencyPending approve": "published",
    "emergencyPending expire": "expired",
  };
  for (const s of NOTICE_STATUSES) {
    for (const a of actions) {
      const want = allowed[`${s} ${a}`];
      it(`${s} --${a}--> ${want ?? "409"}`, () => {
        if (want) expect(nextNoticeStatus(s, a)).toBe(want);
        else expect(() => nextNoticeStatus(s, a)).toThrow(/not allowed/);
      });
    }
  }

  it("never reaches published without an approval", () => {
    // Walk every path from a draft: the only edge into `published` is `approve`.
    for (const [from, edges] of Object.entries(NOTICE_TRANSITIONS)) {
      for (const [action, to] of Object.entries(edges))
        if (to === "published") expect([from, action]).toEqual([expect.stringMatching(/pending|emergencyPending/), "approve"]);
    }
    expect(() => nextNoticeStatus("draft", "approve")).toThrow();
  });
});

describe("notice display over time", () => {
  it("is scheduled before publishAt, live between, expired after expiresAt", () => {
    const n = { status: "published" as const, publishAt: T + 1000, expiresAt: T + 5000 };
    expect(noticeDisplay(n, T)).toBe("scheduled");
    expect(isNoticeLive(n, T)).toBe(false);
    expect(noticeDisplay(n, T + 1000)).toBe("published");
    expect(isNoticeLive(n, T + 4999)).toBe(true);
    expect(noticeDisplay(n, T + 5000)).toBe("expired");
    expect(isNoticeLive(n, T + 5000)).toBe(false);
  });
  it("shows emergency notices at once, and never drafts or pending ones", () => {
    expect(isNoticeLive({ status: "emergencyPending", publishAt: T, expiresAt: null }, T)).toBe(true);
    for (const status of ["draft", "pending", "returned", "expired"] as const)
      expect(isNoticeLive({ status, publishAt: null, expiresAt: null }, T)).toBe(false);
  });
});

describe("notice audience and text", () => {
  it("includes everyone when no audience is set, else matches community or building", () => {
    const place = { communityId: "cmt_1", buildingId: "bld_1" };
    expect(audienceIncludes(null, place)).toBe(true);
    expect(audienceIncludes({}, null)).toBe(true);
    expect(audienceIncludes({ communityIds: ["cmt_1"] }, place)).toBe(true);
    expect(audienceIncludes({ buildingIds: ["bld_1"] }, place)).toBe(true);
    expect(audienceIncludes({ buildingIds: ["bld_2"] }, place)).toBe(false);
    expect(audienceIncludes({ communityIds: ["cmt_1"] }, null)).toBe(false);
  });
  it("appends the service and complaint phones and names every category in both languages", () => {
    const body = noticeBodyWithPhones("明日停水", { servicePhone: "021-1", complaintPhone: "021-2" }, "zh-CN");
    expect(body).toContain("明日停水");
    expect(body).toContain("021-1");
    expect(body).toContain("021-2");
    expect(noticeBodyWithPhones("x", { servicePhone: "9", complaintPhone: "8" }, "en")).toMatch(/Service phone: 9/);
    for (const c of NOTICE_CATEGORIES) {
      expect(noticeCategoryName(c, "zh-CN")).not.toMatch(/^notice\./);
      expect(noticeCategoryName(c, "en")).not.toMatch(/^notice\./);
    }
  });
});

import { describe, expect, it } from "vitest";
import { canTake, type DutyCandidate, dutyOwner } from "../src/duty/index.ts";
import { defaultBranchSettings } from "../src/branch/settings.ts";
import { DEFAULT_POLICY } from "../src/deadline/index.ts";
import { planIntake } from "../src/request/intake.ts";

const TZ = "Asia/Shanghai";
const SHIFT = { from: "20:00", to: "08:00" };
const at = (local: string) => Date.parse(`2026-03-02T${local}:00+08:00`);

const STAFF: DutyCandidate[] = [
  { id: "s-agent", role: "agent" },
  { id: "s-super-b", role: "serviceSupervisor" },
  { id: "s-super-a", role: "serviceSupervisor" },
  { id: "s-night", role: "nightManager" },
  { id: "s-manager", role: "branchManager" },
];

describe("dutyOwner: who owns a request nobody took yet", () => {
  it.each([
    ["08:00", "s-super-a"],
    ["14:30", "s-super-a"],
    ["19:59", "s-super-a"],
    ["20:00", "s-night"],
    ["03:00", "s-night"],
    ["07:59", "s-night"],
  ])("at %s local it is %s", (time, owner) => {
    expect(dutyOwner(STAFF, at(time), TZ, SHIFT)).toBe(owner);
  });

  it("falls back along the ladder when a role is missing", () => {
    const noNight = STAFF.filter((s) => s.role !== "nightManager");
    expect(dutyOwner(noNight, at("23:00"), TZ, SHIFT)).toBe("s-super-a");
    const onlyManager = STAFF.filter((s) => s.role === "branchManager" || s.role === "agent");
    expect(dutyOwner(onlyManager, at("10:00"), TZ, SHIFT)).toBe("s-manager");
    expect(dutyOwner([{ id: "s-agent", role: "agent" }], at("10:00"), TZ, SHIFT)).toBe("s-agent");
  });

  it("never picks a technician or an engineering supervisor; no one at all gives null", () => {
    expect(
      dutyOwner(
        [
          { id: "t1", role: "technician" },
          { id: "e1", role: "engineeringSupervisor" },
        ],
        at("10:00"),
        TZ,
        SHIFT,
      ),
    ).toBeNull();
    expect(dutyOwner([], at("10:00"), TZ, SHIFT)).toBeNull();
  });

  it("a branch without a night shift keeps the day order around the clock", () => {
    expect(dutyOwner(STAFF, at("23:00"), TZ, { from: "00:00", to: "00:00" })).toBe("s-super-a");
  });
});

describe("canTake: 首问负责制", () => {
  it("a request held by the duty, or by no one, goes to whoever takes it", () => {
    expect(canTake({ ownerId: "s-super-a", ownerByDuty: true }, "s-agent")).toEqual({ take: true });
    expect(canTake({ ownerId: null, ownerByDuty: false }, "s-agent")).toEqual({ take: true });
  });
  it("a taken request moves only by hand-over", () => {
    expect(canTake({ ownerId: "s-other", ownerByDuty: false }, "s-agent")).toEqual({ take: false, reason: "owned-by-someone" });
    expect(canTake({ ownerId: "s-agent", ownerByDuty: true }, "s-agent")).toEqual({ take: false, reason: "already-owner" });
  });
});

describe("planIntake: ownership from the first moment", () => {
  const input = {
    kind: "repair" as const,
    category: "water-fixture",
    description: "厨房水龙头漏水",
    contact: { name: "林", phone: "13800138001" },
    location: { area: "2栋" },
  };
  const ctx = {
    branch: { id: "b1", trackingPrefix: "YG" },
    settings: defaultBranchSettings(),
    policy: DEFAULT_POLICY,
    place: { area: "2栋", communityId: null },
    now: at("10:00"),
  };

  it("a portal request is held by the duty owner until someone takes it", () => {
    const plan = planIntake(input, { ...ctx, channel: "portal", actor: null, dutyOwnerId: "s-super-a" });
    expect(plan.request).toMatchObject({ ownerId: "s-super-a", ownerByDuty: true, createdBy: null });
  });

  it("a request taken by phone belongs to the agent who took it", () => {
    const plan = planIntake(input, { ...ctx, channel: "phone", actor: { staffId: "s-agent", role: "agent" }, dutyOwnerId: null });
    expect(plan.request).toMatchObject({ ownerId: "s-agent", ownerByDuty: false, createdBy: "s-agent" });
  });

  it("raises the alarm for alarm kinds at once, and acknowledges only a registered resident", () => {
    const leak = planIntake(input, { ...ctx, channel: "portal", actor: null, dutyOwnerId: null });
    expect(leak.notices).toEqual([{ type: "request.received", recipients: ["resident"], params: { commitment: "" }, ifResident: true }]);
    const theft = planIntake(
      { ...input, kind: "security", category: "theft", description: "单车被盗" },
      { ...ctx, channel: "portal", actor: null, dutyOwnerId: null },
    );
    expect(theft.notices.map((n) => [n.type, n.ifResident ?? false])).toEqual([
      ["request.alarm", false],
      ["request.received", true],
    ]);
  });

  it("sends a caller recorded by staff (phone, walk-in, letter) the tracking link by SMS; the portal does not", () => {
    const base = "https://desk.example/b/yangguang/t/";
    const staff = { actor: { staffId: "s-agent", role: "agent" as const }, dutyOwnerId: null, trackingBase: base };
    for (const channel of ["phone", "walk-in", "letter"] as const) {
      const plan = planIntake(input, { ...ctx, ...staff, channel });
      const link = plan.notices.find((n) => n.type === "request.trackingLink");
      expect(link, channel).toEqual({
        type: "request.trackingLink",
        recipients: [],
        to: "13800138001",
        params: { link: `${base}${plan.request.trackingCode}` },
      });
    }
    expect(planIntake(input, { ...ctx, ...staff, channel: "staff-found" }).notices.map((n) => n.type)).not.toContain(
      "request.trackingLink",
    );
    const portal = planIntake(input, { ...ctx, channel: "portal", actor: null, dutyOwnerId: null, trackingBase: base });
    expect(portal.notices.map((n) => n.type)).not.toContain("request.trackingLink");
  });
});

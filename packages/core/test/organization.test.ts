import { describe, expect, it } from "vitest";
import {
  accessOfMethod,
  assertBranchAllows,
  BranchCreateSchema,
  BranchRenameSchema,
  BranchSuspended,
  branchAllows,
  branchStatusAfter,
  STATUS_BY_CODE,
} from "../src/index.ts";

describe("a suspended branch", () => {
  it.each([
    ["active", "read", true],
    ["active", "write", true],
    ["suspended", "read", true],
    ["suspended", "write", false],
  ] as const)("%s branch, %s access → %s", (status, access, allowed) => {
    expect(branchAllows(status, access)).toBe(allowed);
  });

  it.each([
    ["GET", "read"],
    ["HEAD", "read"],
    ["OPTIONS", "read"],
    ["POST", "write"],
    ["PUT", "write"],
    ["PATCH", "write"],
    ["DELETE", "write"],
    ["post", "write"],
  ] as const)("%s is a %s", (method, access) => {
    expect(accessOfMethod(method)).toBe(access);
  });

  it("refuses writes with branch_suspended (423), naming the branch", () => {
    expect(() => assertBranchAllows({ slug: "x", status: "active" }, "write")).not.toThrow();
    const err = (() => {
      try {
        assertBranchAllows({ slug: "lakeside", status: "suspended" }, "write");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(BranchSuspended);
    expect((err as BranchSuspended).code).toBe("branch_suspended");
    expect((err as BranchSuspended).extra.detail).toEqual({ branch: "lakeside", branchStatus: "suspended" });
    expect(STATUS_BY_CODE.branch_suspended).toBe(423);
  });
});

describe("suspending and resuming", () => {
  it.each([
    ["active", "suspend", "suspended"],
    ["suspended", "resume", "active"],
  ] as const)("%s + %s → %s", (from, action, to) => {
    expect(branchStatusAfter(from, action)).toBe(to);
  });

  it.each([
    ["suspended", "suspend"],
    ["active", "resume"],
  ] as const)("%s + %s is refused (409)", (from, action) => {
    expect(() => branchStatusAfter(from, action)).toThrow(expect.objectContaining({ code: "invalid_transition" }));
  });
});

describe("branch input", () => {
  const good = {
    slug: "lakeside",
    name: "湖滨管理处",
    nameEn: "Lakeside",
    trackingPrefix: "lks",
    servicePhone: "400-820-8820",
    complaintPhone: "021-55550102",
  };

  it("takes a branch with defaults: Asia/Shanghai, no region, the prefix upper-cased", () => {
    expect(BranchCreateSchema.parse(good)).toEqual({ ...good, trackingPrefix: "LKS", timeZone: "Asia/Shanghai", regionId: null });
  });

  it.each([
    ["slug", { slug: "Lake Side" }],
    ["slug", { slug: "1abc" }],
    ["trackingPrefix", { trackingPrefix: "TOOLONGPREFIX" }],
    ["servicePhone", { servicePhone: "call us" }],
    ["timeZone", { timeZone: "Mars/Olympus" }],
    ["name", { name: "<script>x</script>" }],
    ["nameEn", { nameEn: "" }],
    ["extra", { extra: 1 }],
  ])("refuses a bad %s", (field, patch) => {
    const res = BranchCreateSchema.safeParse({ ...good, ...patch });
    expect(res.success).toBe(false);
    expect(JSON.stringify(res.error?.issues)).toContain(field);
  });

  it("renames with at least one name", () => {
    expect(BranchRenameSchema.safeParse({}).success).toBe(false);
    expect(BranchRenameSchema.parse({ nameEn: "Lake" })).toEqual({ nameEn: "Lake" });
  });
});

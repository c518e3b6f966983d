import { describe, expect, it } from "vitest";
import { workOrderNumber } from "../../src/workflow/work-order.ts";

describe("work-order number", () => {
  it("carries the branch's local date, also just after local midnight (UTC the day before)", () => {
    expect(workOrderNumber("req_01abcdefxyz123", Date.UTC(2026, 11, 5, 15, 59))).toBe("WO20261205-XYZ123");
    expect(workOrderNumber("req_01abcdefxyz123", Date.UTC(2026, 11, 5, 16, 0))).toBe("WO20261206-XYZ123");
    expect(workOrderNumber("req_01abcdefxyz123", Date.UTC(2026, 11, 5, 23, 0), "Europe/London")).toBe("WO20261205-XYZ123");
  });
});

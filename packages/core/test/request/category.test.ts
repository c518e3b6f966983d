import { describe, expect, it } from "vitest";
import { defaultCategoryName } from "../../src/request/index.ts";

describe("defaultCategoryName", () => {
  it("names a default category in the reader's language", () => {
    expect(defaultCategoryName("repair", "water-fixture", "zh-CN")).toBe("水暖配件维修");
    expect(defaultCategoryName("repair", "water-fixture", "en")).toBe("Water fixture parts");
    expect(defaultCategoryName("complaint", "attitude", "zh-CN")).toBe("服务态度");
  });

  it("still names a default code reported under another kind", () => {
    expect(defaultCategoryName("complaint", "elevator-failure", "en")).toBe("Elevator failure");
  });

  it("knows no name for a category a branch added itself", () => {
    expect(defaultCategoryName("repair", "garage-door", "zh-CN")).toBeNull();
    expect(defaultCategoryName("repair", "", "en")).toBeNull();
  });
});

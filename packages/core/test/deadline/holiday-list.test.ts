import { describe, expect, it } from "vitest";
import { mergeHolidayList, parseHolidayList } from "../../src/index.ts";

describe("the official holiday list import", () => {
  it("reads the CSV format (header optional, 休/班 accepted)", () => {
    const { list, issues } = parseHolidayList("\ufeffdate,type,name\n2026-01-01,holiday,元旦\n2026-02-14,班,春节调休\n\n2026-02-16,休\n");
    expect(issues).toEqual([]);
    expect(list).toEqual({ holidays: ["2026-01-01", "2026-02-16"], workdays: ["2026-02-14"] });
  });

  it("reads the JSON format", () => {
    const { list, issues } = parseHolidayList('{"holidays":["2026-10-01","2026-10-02"],"workdays":["2026-09-27"]}');
    expect(issues).toEqual([]);
    expect(list.workdays).toEqual(["2026-09-27"]);
  });

  it("reports every line it cannot read and guesses nothing", () => {
    const { list, issues } = parseHolidayList("2026-02-30,holiday\n2026-03-01,party\nnonsense\n2026-05-01,holiday");
    expect(list.holidays).toEqual(["2026-05-01"]);
    expect(issues.map((i) => i.line)).toEqual([1, 2, 3]);
    expect(parseHolidayList("{nope").issues).toHaveLength(1);
    expect(parseHolidayList("2026-05-01,holiday\n2026-05-01,workday").issues).toHaveLength(1);
  });

  it("replaces the imported year and keeps the others", () => {
    const merged = mergeHolidayList(
      { holidays: ["2025-10-01", "2026-01-01", "2026-06-01"], workdays: ["2026-01-04"] },
      { holidays: ["2026-01-01", "2026-02-16"], workdays: ["2026-02-14"] },
    );
    expect(merged).toEqual({ holidays: ["2025-10-01", "2026-01-01", "2026-02-16"], workdays: ["2026-02-14"] });
  });
});

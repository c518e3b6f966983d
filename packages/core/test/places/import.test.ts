import { describe, expect, it } from "vitest";
import { readUnitSheet } from "../../src/places/import.ts";

const header = ["楼栋", "单元", "房号", "面积", "业主姓名", "电话"];

describe("reading a unit spreadsheet", () => {
  it("reads good rows with entrance, area and owner", () => {
    const { units, errors } = readUnitSheet([header, ["1栋", "1单元", "101", "89.5㎡", "张三", "13800138000"]], { communityGiven: true });
    expect(errors).toEqual([]);
    expect(units).toEqual([
      {
        line: 2,
        community: null,
        building: "1栋",
        entrance: "1单元",
        number: "101",
        area: 89.5,
        owner: { name: "张三", phone: "13800138000" },
      },
    ]);
  });

  it("names the line and field of every error, and keeps checking", () => {
    const rows = [
      header,
      ["1栋", "1", "101", "90", "张三", "13800138000"],
      ["", "1", "102", "abc", "李四", "12345"],
      ["1栋", "1", "101", "", "", ""],
      ["2栋", "", "201", "", "王五", ""],
    ];
    const { units, errors } = readUnitSheet(rows, { communityGiven: true });
    expect(units.map((u) => u.line)).toEqual([2]);
    expect(errors.map((e) => `${e.line}:${e.field}`)).toEqual(["3:building", "3:area", "3:phone", "4:number", "5:phone"]);
    expect(errors[3]!.message).toContain("line 2");
    expect(errors[0]!.path).toBe("rows.3.building");
  });

  it("refuses a sheet without the needed columns (line 1)", () => {
    const { errors } = readUnitSheet(
      [
        ["楼栋", "面积"],
        ["1栋", "80"],
      ],
      { communityGiven: false },
    );
    expect(errors.map((e) => `${e.line}:${e.field}`)).toEqual(["1:header", "1:header"]);
    expect(errors.map((e) => e.message).join()).toContain("小区");
  });

  it("accepts English headers and skips empty lines", () => {
    const { units, errors } = readUnitSheet(
      [
        ["Community", "Building", "Unit"],
        ["A", "B1", "301"],
        ["", "", ""],
      ],
      { communityGiven: false },
    );
    expect(errors).toEqual([]);
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({ community: "A", building: "B1", number: "301", area: null, owner: null });
  });
});

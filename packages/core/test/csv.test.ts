import { describe, expect, it } from "vitest";
import { csvCell, formatInstant, neutralizeCell, parseCsv, toCsv } from "../src/index.ts";

describe("the CSV writer", () => {
  it.each(['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "  =1+1"])("neutralises %j", (v) => {
    expect(neutralizeCell(v)).toBe(`'${v}`);
    const [row] = parseCsv(toCsv([{ key: "t", header: "t" }], [{ t: v }])).slice(1);
    expect(row![0]!.startsWith("'")).toBe(true);
  });

  it("leaves ordinary text and numbers alone", () => {
    expect(neutralizeCell("水龙头 = 漏水")).toBe("水龙头 = 漏水");
    expect(csvCell(-3.5)).toBe("-3.5");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe("");
  });

  it("quotes after neutralising, so a quoted formula is not live either", () => {
    expect(csvCell('=HYPERLINK("http://evil","click")')).toBe(`"'=HYPERLINK(""http://evil"",""click"")"`);
  });

  it("writes headers as given, instants in the row's zone, with a BOM and CRLF", () => {
    const at = Date.parse("2026-03-01T01:30:00Z");
    const csv = toCsv(
      [
        { key: "branch", header: "项目" },
        { key: "at", header: "时间", instant: true },
      ],
      [
        { branch: "hupan", at, tz: "Asia/Shanghai" },
        { branch: "paris", at: new Date(at).toISOString(), tz: "Europe/Paris" },
      ],
      { timeZone: (r) => r.tz },
    );
    expect(csv.startsWith("\ufeff项目,时间\r\n")).toBe(true);
    expect(parseCsv(csv)).toEqual([
      ["项目", "时间"],
      ["hupan", "2026-03-01 09:30:00+08:00"],
      ["paris", "2026-03-01 02:30:00+01:00"],
    ]);
    expect(formatInstant(Date.parse("2026-07-01T00:00:00Z"), "Europe/Paris")).toBe("2026-07-01 02:00:00+02:00");
  });

  it("round-trips quotes, commas and line breaks", () => {
    const rows = [{ a: 'x,"y"\r\nz', b: 2 }];
    expect(
      parseCsv(
        toCsv(
          [
            { key: "a", header: "a" },
            { key: "b", header: "b" },
          ],
          rows,
        ),
      ),
    ).toEqual([
      ["a", "b"],
      ['x,"y"\r\nz', "2"],
    ]);
  });
});

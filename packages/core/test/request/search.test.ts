import { describe, expect, it } from "vitest";
import { ftsQuote, searchMatch, searchTerms, unitSearchKey } from "../../src/request/search.ts";

describe("unitSearchKey: a unit as people write it", () => {
  it.each([
    ["1栋502", "1-502"],
    ["1幢502室", "1-502"],
    ["1号楼502", "1-502"],
    ["2-301", "2-301"],
    ["2 - 301", "2-301"],
    ["2#301", "2-301"],
    ["２－３０１", "2-301"],
    ["A座1203", "a-1203"],
  ])("%s → %s", (text, key) => {
    expect(unitSearchKey(text.normalize("NFKC"))?.key).toBe(key);
  });

  it("keeps the community's name apart", () => {
    expect(unitSearchKey("阳光花园一期1栋502")).toEqual({ key: "1-502", rest: "阳光花园一期" });
    expect(unitSearchKey("阳光花园一期 1栋502")).toEqual({ key: "1-502", rest: "阳光花园一期" });
  });

  it("is not fooled by tracking codes, phones or words", () => {
    for (const text of ["YG-ABCDE-FGHJK-LMNPQ-RSTUV", "ABCDE-23456", "138-1234-5678", "漏水", "5678", "张伟"])
      expect(unitSearchKey(text)).toBeNull();
  });
});

describe("searchTerms", () => {
  it("reads a full tracking code as the code itself, and groups of it as a part of one", () => {
    expect(searchTerms("YG-ABCDE-FGHJK-LMNPQ-RSTUV")).toEqual([
      { kind: "exact", field: "trackingCode", text: "YG-ABCDE-FGHJK-LMNPQ-RSTUV" },
    ]);
    expect(searchTerms("yg-abcde-fghjk-lmnpq-rstuv")).toEqual([
      { kind: "exact", field: "trackingCode", text: "YG-ABCDE-FGHJK-LMNPQ-RSTUV" },
    ]);
    expect(searchTerms("  fghjk ")).toEqual([{ kind: "phrase", text: "fghjk" }]);
    const part = { kind: "codePart", group: "abcde", text: "ABCDEFGHJKLMNPQRSTUV" };
    expect(searchTerms("ABCDE-FGHJK-LMNPQ-RSTUV")).toEqual([part]);
    expect(searchTerms("abcdefghjklmnpqrstuv")).toEqual([part]);
    expect(searchMatch([part as never], [])).toBe('code : "abcde"');
  });

  it("reads phones as digits, however they are typed; a whole mobile number is looked up as itself", () => {
    expect(searchTerms("138 1234 5678")).toEqual([{ kind: "exact", field: "contactPhone", text: "13812345678" }]);
    expect(searchTerms("138-1234-5678")).toEqual([{ kind: "exact", field: "contactPhone", text: "13812345678" }]);
    expect(searchTerms("0571-8888 6666")).toEqual([{ kind: "phrase", text: "057188886666" }]);
    expect(searchTerms("5678")).toEqual([{ kind: "phrase", text: "5678" }]);
  });

  it("reads units into the place column's canonical form", () => {
    expect(searchTerms("1栋502")).toEqual([{ kind: "phrase", text: " 1-502 ", column: "place" }]);
    expect(searchTerms("2-301")).toEqual([{ kind: "phrase", text: " 2-301 ", column: "place" }]);
    expect(searchTerms("阳光花园一期 1栋502")).toEqual([
      { kind: "phrase", text: " 1-502 ", column: "place" },
      { kind: "phrase", text: "阳光花园一期" },
    ]);
  });

  it("reads words with a one-character word among them together, as typed", () => {
    expect(searchTerms("找快递 1 号")).toEqual([{ kind: "phrase", text: "找快递 1 号" }]);
  });

  it("turns words shorter than a trigram into prefixes, and drops repeats", () => {
    expect(searchTerms("张伟")).toEqual([{ kind: "prefix", text: "张伟" }]);
    expect(searchTerms("厨房 漏水 漏水")).toEqual([
      { kind: "prefix", text: "厨房" },
      { kind: "prefix", text: "漏水" },
    ]);
    expect(searchTerms("水管爆裂")).toEqual([{ kind: "phrase", text: "水管爆裂" }]);
    expect(searchTerms("张")).toEqual([{ kind: "prefix", text: "张" }]);
    expect(searchTerms("   ")).toEqual([]);
  });
});

describe("searchMatch", () => {
  it("quotes everything typed, so that no query syntax gets through", () => {
    expect(ftsQuote('a"b')).toBe('"a""b"');
    expect(searchMatch(searchTerms('abc" NEAR(z) def*'), [])).toBe('"abc""" AND "near(z)" AND "def*"');
  });

  it("joins phrases and expanded prefixes with AND, and gives up on a prefix that stands for nothing", () => {
    const terms = searchTerms("漏水 1栋502");
    expect(terms).toEqual([
      { kind: "phrase", text: " 1-502 ", column: "place" },
      { kind: "prefix", text: "漏水" },
    ]);
    expect(searchMatch(terms, [undefined, ["漏水了", "漏水 "]])).toBe('place : " 1-502 " AND ("漏水了" OR "漏水 ")');
    expect(searchMatch(terms, [undefined, []])).toBeNull();
  });
});

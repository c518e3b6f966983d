import { describe, expect, it } from "vitest";
import { checkReply, DEFAULT_REPLY_GUARD_LIST } from "../../src/reply-language/index.ts";

// [sentence, the phrases it must flag, in order] — an empty list means the reply may be sent.
const TABLE: Array<[string, string[]]> = [
  ["不好意思,师傅下午到", []],
  ["不客气,这是我们应该做的", []],
  ["不要紧,我们马上处理", []],
  ["给您带来不便,深表歉意", []],
  ["对不起,请您留下联系方式,我会给您回复", []],
  ["不用谢,祝您生活愉快", []],
  ["非常理解您的不满,我们会认真整改", []],
  ["服务不到位的地方请多包涵", []],
  ["招待不周,请见谅", []],
  ["不用担心,维修师傅十分钟内到", []],
  ["要不我们约明天上午?", []],
  ["不如我们先帮您关掉总阀", []],
  ["我们会不定期巡查", []],
  ["差不多半小时就能修好", []],
  ["您提的建议很不错", []],
  ["电梯已经恢复运行了", []],
  ["Thank you, we will call you back", []],
  ["师傅马上就到,请稍等", []],
  ["这个不是我管的", ["不是我管的"]],
  ["我不知道", ["不知道"]],
  ["我 不 知 道", ["不知道"]],
  ["这不可能", ["不可能"]],
  ["真的吗?", ["真的吗"]],
  ["可是物业费没交", ["可是"]],
  ["但是我们下班了", ["但是"]],
  ["不过要等明天", ["不过"]],
  ["这个我不懂", ["不懂"]],
  ["这样不行", ["不行"]],
  ["你说的不对", ["不对"]],
  ["我不会修这个", ["不会"]],
  ["这个不修", ["不"]],
  ["不给换", ["不"]],
  ["不好意思,这个不是我管的", ["不是我管的"]],
  ["对不起,我不知道,但是可以问问", ["不知道", "但是"]],
  ["不客气,不过不行", ["不过", "不行"]],
  ["真的吗?不可能!", ["真的吗", "不可能"]],
  ["不知道不知道", ["不知道", "不知道"]],
  ["我们不修,可是您可以找别人", ["不", "可是"]],
  ["给您带来不便,但是今天修不了", ["但是", "不"]],
  ["不要紧,不是我管的也帮您问", ["不是我管的"]],
  ["我ＮＯＴ知道", []],
  ["不\u200b知道", ["不知道"]],
];

describe("reply-language guard", () => {
  it("has at least 40 cases", () => expect(TABLE.length).toBeGreaterThanOrEqual(40));

  it.each(TABLE)("%s", (text, expected) => {
    const result = checkReply(text);
    expect(result.hits.map((h) => h.phrase)).toEqual(expected);
    expect(result.ok).toBe(expected.length === 0);
    for (const h of result.hits) {
      expect(h.suggestions[0]!.length).toBeGreaterThan(0);
      expect(h.excerpt).toContain(text.slice(h.index, h.index + h.length));
    }
  });

  it("points at the original text, spaces included", () => {
    const [hit] = checkReply("我 不 知 道").hits;
    expect(hit).toMatchObject({ phrase: "不知道", index: 2, length: 5 });
  });

  it("suggests a polite form for every default phrase", () => {
    for (const e of DEFAULT_REPLY_GUARD_LIST) expect(e.suggestion, e.phrase).toBeTruthy();
  });

  it("uses a branch's own list: custom phrases (case-insensitive), and an empty list allows all", () => {
    const list = [{ phrase: "not my job" }, { phrase: "没办法", suggestion: "我们一起想想办法" }];
    expect(checkReply("That is NOT MY JOB", list).hits.map((h) => h.phrase)).toEqual(["not my job"]);
    expect(checkReply("没办法", list).hits[0]!.suggestions).toEqual(["我们一起想想办法"]);
    expect(checkReply("我不知道", list).ok).toBe(true);
    expect(checkReply("我不知道,不是我管的", []).ok).toBe(true);
  });
});

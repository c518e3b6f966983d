import { describe, expect, it } from "vitest";
import {
  ALLOWED_WORDS_WITH_BU,
  checkReply,
  DEFAULT_REPLY_GUARD_LIST,
  GENERIC_REPLY_SUGGESTION,
  normalizeReplyText,
  ReplyGuardListSchema,
} from "../../src/reply-language/index.ts";

// [reply, the phrases it must be flagged for, in order of position] — [] means it may be sent.
const TABLE: Array<[string, string[]]> = [
  // polite or idiomatic words containing 不
  ["不好意思,师傅下午到", []],
  ["不客气,这是我们应该做的", []],
  ["不要紧,我们马上处理", []],
  ["给您带来不便,深表歉意", []],
  ["对不起,请您留下联系方式,我会给您回复", []],
  ["不用谢,祝您生活愉快", []],
  ["不必客气,有事随时找我们", []],
  ["不胜感激您的理解", []],
  ["您家小朋友真了不起", []],
  ["我们会不断改进服务", []],
  ["最近不少业主反映了这个问题", []],
  ["不久就会恢复供水", []],
  ["我们不仅会修好,还会回访", []],
  ["以后不再发生这种情况", []],
  ["非常理解您的不满,我们会认真整改", []],
  ["如有不适请随时告诉我们", []],
  ["招待不周,请多包涵", []],
  ["服务不到位的地方请您谅解", []],
  ["雨一直不停,我们加派了人手", []],
  ["为避免不良影响,我们立即处理", []],
  ["我们会不定期巡查", []],
  ["保安会不时巡逻", []],
  ["差不多半小时就能修好", []],
  ["您提的建议很不错", []],
  ["不如我们先帮您关掉总阀", []],
  ["不用担心,维修师傅十分钟内到", []],
  ["不必担心,费用由我们承担", []],
  ["要不我们约明天上午?", []],
  ["我们不会再让您久等了", []],
  ["您看明天上午方不方便?", []],
  ["这样安排好不好?", []],
  ["您明天会不会在家?", []],
  ["您说对不对?", ["不对"]],
  ["电梯已经恢复运行了", []],
  ["Thank you, we will call you back", []],
  // forbidden phrases
  ["这个不是我管的", ["不是我管的"]],
  ["我不知道", ["不知道"]],
  ["我 不 知 道", ["不知道"]],
  ["不\u200b知\u200c道", ["不知道"]],
  ["这不可能", ["不可能"]],
  ["真的吗?", ["真的吗"]],
  ["真 的 吗?", ["真的吗"]],
  ["可是物业费没交", ["可是"]],
  ["但是我们下班了", ["但是"]],
  ["不过要等明天", ["不过"]],
  ["这个我不懂", ["不懂"]],
  ["这样不行", ["不行"]],
  ["你说的不对", ["不对"]],
  ["我不会修这个", ["不会"]],
  ["你到底懂不懂?", ["不懂"]],
  // a bare 不 is a blunt refusal
  ["这个不修", ["不"]],
  ["不给换", ["不"]],
  ["我们不管这个", ["不"]],
  // mixtures
  ["不好意思,这个不是我管的", ["不是我管的"]],
  ["对不起,我不知道,但是可以问问", ["不知道", "但是"]],
  ["不客气,不过不行", ["不过", "不行"]],
  ["真的吗?不可能!", ["真的吗", "不可能"]],
  ["不知道不知道", ["不知道", "不知道"]],
  ["我们不修,可是您可以找别人", ["不", "可是"]],
  ["给您带来不便,但是今天修不了", ["但是", "不"]],
  ["不要紧,不是我管的也帮您问", ["不是我管的"]],
  ["ＯＫ,师傅１０分钟到", []],
  ["服务不到位的地方请多包涵", []],
  ["招待不周,请见谅", []],
  ["师傅马上就到,请稍等", []],
  ["我ＮＯＴ知道", []],
  ["不\u200b知道", ["不知道"]],
];

describe("reply-language guard: sentence table", () => {
  it("has at least 40 sentences, hits and non-hits", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
    expect(TABLE.filter(([, e]) => e.length === 0).length).toBeGreaterThanOrEqual(15);
    expect(TABLE.filter(([, e]) => e.length > 0).length).toBeGreaterThanOrEqual(15);
  });

  it.each(TABLE)("%s → %j", (text, expected) => {
    const result = checkReply(text);
    expect(result.hits.map((h) => h.phrase)).toEqual(expected);
    expect(result.ok).toBe(expected.length === 0);
    for (const hit of result.hits) {
      const span = text.slice(hit.index, hit.index + hit.length);
      // the original span normalizes to exactly the phrase, and the excerpt shows it
      expect(normalizeReplyText(span).text).toBe(hit.phrase);
      expect(hit.excerpt).toContain(span);
      expect(hit.suggestions.length).toBeGreaterThan(0);
      for (const s of hit.suggestions) expect(s.trim()).not.toBe("");
    }
  });
});

describe("reply-language guard: positions and excerpts", () => {
  it("flags exactly one hit for 不可能 (not also 不)", () => {
    const { hits } = checkReply("这不可能");
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ phrase: "不可能", index: 1, length: 3 });
  });

  it("prefers the longest phrase: 不是我管的 over 不", () => {
    const { hits } = checkReply("这个不是我管的");
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ phrase: "不是我管的", index: 2, length: 5 });
    expect(hits[0]!.suggestions[0]).toContain("相关部门");
  });

  it("maps a spaced-out phrase back to its original span", () => {
    const text = "我 不 知 道";
    const { hits } = checkReply(text);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ phrase: "不知道", index: 2, length: 5 });
    expect(text.slice(2, 7)).toBe("不 知 道");
    expect(hits[0]!.excerpt).toContain("不 知 道");
  });

  it("maps through zero-width and ideographic spaces", () => {
    const text = "您好\u3000我不\u200b知\u3000道的";
    const { hits } = checkReply(text);
    expect(hits).toHaveLength(1);
    expect(text.slice(hits[0]!.index, hits[0]!.index + hits[0]!.length)).toBe("不\u200b知\u3000道");
  });

  it("reports hits in order of position with the right indexes", () => {
    const { hits } = checkReply("但是,我不知道");
    expect(hits.map((h) => [h.phrase, h.index, h.length])).toEqual([
      ["但是", 0, 2],
      ["不知道", 4, 3],
    ]);
  });

  it("keeps the excerpt short in a long reply", () => {
    const text = `${"您好".repeat(30)}不可能${"谢谢".repeat(30)}`;
    const [hit] = checkReply(text).hits;
    expect(hit!.excerpt).toContain("不可能");
    expect(hit!.excerpt.length).toBeLessThan(40);
  });

  it("flags a bare 不 but not an A不A question", () => {
    expect(checkReply("可不可以明天再来?").ok).toBe(true);
    expect(checkReply("是不是水管漏了?").ok).toBe(true);
    expect(checkReply("这个不换").hits.map((h) => h.phrase)).toEqual(["不"]);
  });
});

describe("reply-language guard: branch lists", () => {
  it("matches English phrases case-insensitively, full-width too, on word boundaries", () => {
    const list = [{ phrase: "not my job" }, { phrase: "no" }];
    expect(checkReply("That is NOT  MY JOB, sorry", list).hits.map((h) => h.phrase)).toEqual(["not my job"]);
    expect(checkReply("ＮＯＴ ＭＹ ＪＯＢ", list).hits.map((h) => h.phrase)).toEqual(["not my job"]);
    expect(checkReply("I know, we will come now", list).ok).toBe(true);
    expect(checkReply("No.", list).hits.map((h) => h.phrase)).toEqual(["no"]);
    const [hit] = checkReply("Well, Not my job.", list).hits;
    expect(hit).toMatchObject({ index: 6, length: 10 });
  });

  it("replaces the defaults entirely", () => {
    const list = [{ phrase: "没办法", suggestion: "我们一起想想办法" }];
    expect(checkReply("没办法", list).hits[0]!.suggestions).toEqual(["我们一起想想办法"]);
    expect(checkReply("我不知道,这个不修", list).ok).toBe(true);
  });

  it("allows everything with an empty list", () => {
    expect(checkReply("我不知道,不是我管的,可是不行", [])).toEqual({ ok: true, hits: [] });
  });

  it("gives entries without a suggestion the generic polite one", () => {
    const [hit] = checkReply("我们没空", [{ phrase: "没空" }]).hits;
    expect(hit!.suggestions).toEqual([GENERIC_REPLY_SUGGESTION]);
  });

  it("pools suggestions of repeated phrases", () => {
    const list = [
      { phrase: "没空", suggestion: "我们尽快安排" },
      { phrase: "没 空", suggestion: "请您留下联系方式" },
    ];
    const { hits } = checkReply("没空", list);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.suggestions).toEqual(["我们尽快安排", "请您留下联系方式"]);
  });

  it("still protects allowed words from a custom shorter phrase, unless the branch forbids the word itself", () => {
    expect(checkReply("不好意思,马上到", [{ phrase: "不好" }]).ok).toBe(true);
    expect(checkReply("这样不好", [{ phrase: "不好" }]).hits.map((h) => h.phrase)).toEqual(["不好"]);
    expect(checkReply("不用了", [{ phrase: "不用" }]).hits.map((h) => h.phrase)).toEqual(["不用"]);
  });
});

describe("reply-language guard: list data", () => {
  it("has every DOMAIN.md phrase in the defaults, each with a suggestion", () => {
    const phrases = DEFAULT_REPLY_GUARD_LIST.map((e) => e.phrase).sort();
    expect(phrases).toEqual(
      ["不", "不懂", "不行", "不对", "不会", "不知道", "不是我管的", "不过", "不可能", "真的吗", "可是", "但是"].sort(),
    );
    for (const e of DEFAULT_REPLY_GUARD_LIST) expect(e.suggestion?.trim(), e.phrase).toBeTruthy();
  });

  it("flags each default phrase on its own", () => {
    for (const e of DEFAULT_REPLY_GUARD_LIST) {
      const { hits } = checkReply(`嗯,${e.phrase}。`);
      expect(
        hits.map((h) => h.phrase),
        e.phrase,
      ).toEqual([e.phrase]);
      expect(hits[0]!.suggestions, e.phrase).toEqual([e.suggestion]);
    }
  });

  it("never flags an allowed word on its own with the defaults", () => {
    for (const w of ALLOWED_WORDS_WITH_BU) expect(checkReply(`${w}。`).ok, w).toBe(true);
  });

  it("validates lists", () => {
    expect(ReplyGuardListSchema.safeParse(DEFAULT_REPLY_GUARD_LIST).success).toBe(true);
    expect(ReplyGuardListSchema.safeParse([]).success).toBe(true);
    expect(ReplyGuardListSchema.safeParse([{ phrase: "not my job" }]).success).toBe(true);
    expect(ReplyGuardListSchema.safeParse([{ phrase: "" }]).success).toBe(false);
    expect(ReplyGuardListSchema.safeParse([{ phrase: " \u200b " }]).success).toBe(false);
    expect(ReplyGuardListSchema.safeParse([{ phrase: "长".repeat(21) }]).success).toBe(false);
    expect(ReplyGuardListSchema.safeParse([{ phrase: "不", extra: 1 }]).success).toBe(false);
    expect(ReplyGuardListSchema.safeParse(Array.from({ length: 201 }, () => ({ phrase: "不" }))).success).toBe(false);
  });
});

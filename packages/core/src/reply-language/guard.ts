import { z } from "zod";

/*
 * Reply-language guard (DOMAIN.md, Complaints → "Staff language"). Pure: no I/O.
 *
 * Rules, in order:
 * 1. Normalize the reply, remembering for every normalized code unit the span of the ORIGINAL text it
 *    came from: zero-width characters are dropped; full-width Latin/digits/punctuation become half-width;
 *    Latin is lower-cased; a run of whitespace next to a CJK character (or at either end) is dropped
 *    ("不 知 道" is 不知道), any other run becomes one space ("NOT  my job" is "not my job").
 *    Phrases from the list are normalized the same way.
 * 2. Forbidden phrases and the allowed words that contain 不 (ALLOWED_WORDS_WITH_BU: 不好意思, 对不起,
 *    给您带来不便 …) compete for spans, longest first; at equal length a forbidden phrase goes first.
 *    An allowed word masks its span; a forbidden phrase whose span is still free is a hit and claims it.
 *    So 不是我管的 beats 不是 beats 不, 不知道 beats 不, 不会再 (a promise) beats 不会, and each span of the
 *    reply yields at most one hit.
 * 3. What is left of a bare 不 (when 不 is on the list, as it is by default) is a blunt refusal —
 *    "这个不修", "不给换" — except in an A不A question (好不好, 是不是, 可不可以), which asks, not refuses.
 * 4. A Latin phrase ("not my job") only matches on word boundaries (so "no" does not hit "know").
 * A branch's own list replaces the defaults entirely (an empty list allows everything); the allowed words
 * stay. An entry without a suggestion gets GENERIC_REPLY_SUGGESTION; entries repeating a phrase pool
 * their suggestions.
 */

/** The polite form from DOMAIN.md, offered when an entry has no suggestion of its own. */
export const GENERIC_REPLY_SUGGESTION = "对不起,请您留下联系方式,我会给您回复";

export const ReplyGuardEntrySchema = z.strictObject({
  phrase: z
    .string()
    .min(1)
    .max(20)
    .refine((p) => normalize(p).text.length > 0, { message: "phrase must contain a visible character" }),
  suggestion: z.string().trim().min(1).max(200).optional(),
});
export const ReplyGuardListSchema = z.array(ReplyGuardEntrySchema).max(200);
export type ReplyGuardEntry = z.infer<typeof ReplyGuardEntrySchema>;
export type ReplyGuardList = z.infer<typeof ReplyGuardListSchema>;

const REFUSE = "很抱歉,这个要求目前暂时无法满足,我们可以为您……";
const ALSO = "同时/另外……";
const EXPERT = "我请专业同事为您解答";

export const DEFAULT_REPLY_GUARD_LIST: readonly ReplyGuardEntry[] = Object.freeze(
  [
    { phrase: "不", suggestion: REFUSE },
    { phrase: "不懂", suggestion: EXPERT },
    { phrase: "不行", suggestion: REFUSE },
    { phrase: "不对", suggestion: "我再为您核实一下情况,稍后给您回复" },
    { phrase: "不会", suggestion: EXPERT },
    { phrase: "不知道", suggestion: "对不起,这个问题我需要确认一下,请您留下联系方式,我会尽快给您回复" },
    { phrase: "不是我管的", suggestion: "这件事由相关部门负责,我帮您联系并跟进,再给您回复" },
    { phrase: "不过", suggestion: ALSO },
    { phrase: "不可能", suggestion: REFUSE },
    { phrase: "真的吗", suggestion: "好的,我明白了" },
    { phrase: "可是", suggestion: ALSO },
    { phrase: "但是", suggestion: ALSO },
  ].map((e) => Object.freeze(e)),
);

/**
 * Words containing 不 that are polite, apologetic or idiomatic and never flagged by themselves.
 * 会不会 is a question ("您明天会不会在家?"); other A不A forms are handled by the bare-不 rule, and
 * 对不对/行不行/懂不懂 stay flagged through 不对/不行/不懂 (pushy). Deliberately absent: 不管 ("我不管" is
 * rude), 不清楚 ("我不清楚" = 不知道), 不要 ("不要乱停车" is an order).
 */
export const ALLOWED_WORDS_WITH_BU: readonly string[] = Object.freeze([
  "不客气",
  "不用谢",
  "不必客气",
  "不用客气",
  "不要紧",
  "不好意思",
  "对不起",
  "不胜感激",
  "不敢当",
  "了不起",
  "不断",
  "不少",
  "不久",
  "不仅",
  "不再",
  "不会再",
  "不便",
  "不方便",
  "不太方便",
  "不满",
  "不适",
  "不舒服",
  "不周",
  "不到位",
  "不足",
  "不愉快",
  "不停",
  "不良",
  "不定期",
  "不时",
  "差不多",
  "不错",
  "不如",
  "不用",
  "不必",
  "要不",
  "不妨",
  "不论",
  "不同",
  "不得不",
  "会不会",
]);

export interface ReplyHit {
  /** The list entry's phrase, as written in the list. */
  phrase: string;
  /** Start of the offending span in the ORIGINAL text (UTF-16 index). */
  index: number;
  /** Length of that span in the original text (spaces/zero-width characters inside it included). */
  length: number;
  /** The span with a little surrounding context, from the original text. */
  excerpt: string;
  /** Polite forms to use instead (at least one). */
  suggestions: string[];
}

export interface ReplyCheckResult {
  ok: boolean;
  hits: ReplyHit[];
}

// ---------------------------------------------------------------------------------------------------------

interface Normalized {
  text: string;
  /** For each code unit of `text`: [start, end) in the original string. */
  from: number[];
  to: number[];
}

const ZERO_WIDTH = /^[\u200b-\u200d\u2060\ufeff\u00ad\u180e]$/u;
const SPACE = /^\s$/u;
const CJK = /^[\p{Script=Han}\u3000-\u303f\u3040-\u30ff\uff00-\uffef]$/u;
const LATIN_WORD = /^[a-z0-9]$/u;

function normalize(original: string): Normalized {
  let text = "";
  const from: number[] = [];
  const to: number[] = [];
  let lastKept = ""; // last kept (non-space) character, normalized
  let space: { start: number; end: number } | null = null; // pending whitespace run

  let i = 0;
  for (const raw of original) {
    const start = i;
    i += raw.length;
    if (ZERO_WIDTH.test(raw)) continue;
    if (SPACE.test(raw)) {
      if (space) space.end = i;
      else space = { start, end: i };
      continue;
    }
    const cp = raw.codePointAt(0)!;
    const half = cp >= 0xff01 && cp <= 0xff5e ? String.fromCodePoint(cp - 0xfee0) : raw;
    const ch = half.toLowerCase();
    if (space) {
      // Keep one space only between two non-CJK characters.
      if (lastKept !== "" && !CJK.test(lastKept) && !CJK.test(half)) {
        text += " ";
        from.push(space.start);
        to.push(space.end);
      }
      space = null;
    }
    for (let k = 0; k < ch.length; k++) {
      from.push(start);
      to.push(i);
    }
    text += ch;
    lastKept = half;
  }
  return { text, from, to };
}

interface Candidate {
  needle: string;
  allowed: boolean;
  phrase: string;
  suggestions: string[];
  order: number;
}

function isBoundary(text: string, at: number): boolean {
  // True when the code units either side of `at` are not both Latin word characters.
  const before = text[at - 1];
  const after = text[at];
  return before === undefined || after === undefined || !(LATIN_WORD.test(before) && LATIN_WORD.test(after));
}

/** 好不好, 是不是, 可不可以: 不 between two identical CJK characters asks a question. */
function isAnotAQuestion(text: string, at: number): boolean {
  const before = text[at - 1];
  return before !== undefined && before === text[at + 1] && CJK.test(before);
}

function buildCandidates(list: readonly ReplyGuardEntry[]): Candidate[] {
  const byNeedle = new Map<string, Candidate>();
  let order = 0;
  for (const entry of list) {
    const needle = normalize(entry.phrase).text;
    if (needle === "") continue;
    const suggestion = entry.suggestion?.trim() || GENERIC_REPLY_SUGGESTION;
    const known = byNeedle.get(needle);
    if (known) {
      if (!known.suggestions.includes(suggestion)) known.suggestions.push(suggestion);
      continue;
    }
    byNeedle.set(needle, { needle, allowed: false, phrase: entry.phrase, suggestions: [suggestion], order: order++ });
  }
  const candidates = [...byNeedle.values()];
  for (const word of ALLOWED_WORDS_WITH_BU) {
    // A branch that forbids an allowed word itself gets its way.
    if (!byNeedle.has(word)) candidates.push({ needle: word, allowed: true, phrase: word, suggestions: [], order: order++ });
  }
  return candidates.sort((a, b) => b.needle.length - a.needle.length || Number(a.allowed) - Number(b.allowed) || a.order - b.order);
}

const FREE = 0;
const MASKED = 1;
const HIT = 2;
const CONTEXT = 8;

/**
 * Checks a resident-facing reply against a branch's forbidden-phrase list (defaults: DOMAIN.md).
 * `ok` is false when anything was hit; hits are ordered by position in the original text.
 */
export function checkReply(text: string, list: readonly ReplyGuardEntry[] = DEFAULT_REPLY_GUARD_LIST): ReplyCheckResult {
  const norm = normalize(text);
  const claim = new Array<number>(norm.text.length).fill(FREE);
  const found: Array<{ at: number; end: number; candidate: Candidate }> = [];
  if (list.length === 0) return { ok: true, hits: [] };

  for (const candidate of buildCandidates(list)) {
    const { needle } = candidate;
    for (let at = norm.text.indexOf(needle); at !== -1; at = norm.text.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if (!isBoundary(norm.text, at) || !isBoundary(norm.text, end)) continue;
      if (candidate.allowed) {
        if (claim.slice(at, end).some((c) => c === HIT)) continue;
        claim.fill(MASKED, at, end);
        continue;
      }
      if (claim.slice(at, end).some((c) => c !== FREE)) continue;
      if (needle === "不" && isAnotAQuestion(norm.text, at)) continue;
      claim.fill(HIT, at, end);
      found.push({ at, end, candidate });
    }
  }

  const hits = found
    .sort((a, b) => a.at - b.at)
    .map(({ at, end, candidate }): ReplyHit => {
      const index = norm.from[at]!;
      const stop = norm.to[end - 1]!;
      return {
        phrase: candidate.phrase,
        index,
        length: stop - index,
        excerpt: text.slice(Math.max(0, index - CONTEXT), Math.min(text.length, stop + CONTEXT)),
        suggestions: [...candidate.suggestions],
      };
    });
  return { ok: hits.length === 0, hits };
}

/** Exposed for tests and for highlighting: the normalized text and its map back to the original. */
export function normalizeReplyText(text: string): { text: string; from: readonly number[]; to: readonly number[] } {
  return normalize(text);
}

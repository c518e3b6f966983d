import { z } from "zod";

/*
 * The reply-language guard (DOMAIN.md "Staff language"). Rules, in order:
 * 1. Normalize: full-width Latin/digits to half-width, drop spaces and zero-width characters (so "不 知 道"
 *    is 不知道), lower-case Latin; every normalized character keeps its index in the original text.
 * 2. Allowed words that contain 不 — apologies and courtesies (不好意思, 对不起, 不客气, 给您带来不便…) — are
 *    masked first: nothing inside them is ever flagged.
 * 3. Forbidden phrases match longest first (不是我管的 before 不 ), one hit per span.
 * 4. A bare 不 left over is a blunt refusal ("这个不修") and is flagged with the list's entry for 不.
 */

export const ReplyGuardEntrySchema = z.strictObject({ phrase: z.string().trim().min(1).max(20), suggestion: z.string().max(200).optional() });
export const ReplyGuardListSchema = z.array(ReplyGuardEntrySchema).max(200);
export type ReplyGuardEntry = z.infer<typeof ReplyGuardEntrySchema>;

const SORRY = "对不起,请您留下联系方式,我会给您回复。";
export const DEFAULT_REPLY_GUARD_LIST: ReplyGuardEntry[] = [
  { phrase: "不是我管的", suggestion: "这件事由相关部门负责,我帮您联系并跟进,再给您回复。" },
  { phrase: "不知道", suggestion: "对不起,这个问题我需要确认一下,请您留下联系方式,我会尽快给您回复。" },
  { phrase: "不可能", suggestion: "很抱歉,这个要求目前暂时无法满足,我们可以为您……" },
  { phrase: "真的吗", suggestion: "好的,我明白了,我马上为您核实。" },
  { phrase: "不懂", suggestion: "我请专业的同事为您解答。" },
  { phrase: "不行", suggestion: "很抱歉,这个要求目前暂时无法满足,我们可以为您……" },
  { phrase: "不对", suggestion: "我再核实一下情况,稍后回复您。" },
  { phrase: "不会", suggestion: "我请专业的同事为您处理。" },
  { phrase: "不过", suggestion: "同时 / 另外……" },
  { phrase: "可是", suggestion: "同时 / 另外……" },
  { phrase: "但是", suggestion: "同时 / 另外……" },
  { phrase: "不", suggestion: SORRY },
];

/** Words containing 不 that are polite, apologetic or idiomatic: never flagged. */
export const ALLOWED_WITH_BU = [
  "不好意思", "对不起", "不客气", "不用谢", "不必客气", "不要紧", "不胜感激", "了不起", "不断", "不少", "不久", "不仅",
  "不再", "不便", "不满", "不适", "不周", "不到位", "不停", "不良", "不定期", "不时", "差不多", "不错", "不如", "不用",
  "不必", "要不", "不论", "不管", "不妨", "不怕", "不然", "不得不", "不足", "不同", "不安", "不愉快", "不舒服", "不方便",
];

export interface ReplyHit {
  phrase: string;
  index: number;
  length: number;
  excerpt: string;
  suggestions: string[];
}

function normalize(text: string): { chars: string[]; origin: number[] } {
  const chars: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (/[\s\u200b-\u200d\ufeff]/.test(ch)) continue;
    if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
    chars.push(ch.toLowerCase());
    origin.push(i);
  }
  return { chars, origin };
}

function occurrences(chars: string[], word: string[]): number[] {
  const out: number[] = [];
  outer: for (let i = 0; i + word.length <= chars.length; i++) {
    for (let j = 0; j < word.length; j++) if (chars[i + j] !== word[j]) continue outer;
    out.push(i);
  }
  return out;
}

export function checkReply(text: string, list: readonly ReplyGuardEntry[] = DEFAULT_REPLY_GUARD_LIST): { ok: boolean; hits: ReplyHit[] } {
  const { chars, origin } = normalize(text);
  const taken = new Array<boolean>(chars.length).fill(false);
  for (const word of ALLOWED_WITH_BU) {
    const w = [...word];
    for (const at of occurrences(chars, w)) for (let k = 0; k < w.length; k++) taken[at + k] = true;
  }
  const hits: ReplyHit[] = [];
  const entries = [...list].sort((a, b) => [...b.phrase].length - [...a.phrase].length);
  for (const entry of entries) {
    const w = [...normalize(entry.phrase).chars];
    for (const at of occurrences(chars, w)) {
      if (w.some((_, k) => taken[at + k])) continue;
      for (let k = 0; k < w.length; k++) taken[at + k] = true;
      const index = origin[at]!;
      const end = origin[at + w.length - 1]! + 1;
      hits.push({
        phrase: entry.phrase,
        index,
        length: end - index,
        excerpt: text.slice(Math.max(0, index - 8), Math.min(text.length, end + 8)),
        suggestions: [entry.suggestion ?? SORRY],
      });
    }
  }
  hits.sort((a, b) => a.index - b.index);
  return { ok: hits.length === 0, hits };
}

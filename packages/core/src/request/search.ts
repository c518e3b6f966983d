import { TRACKING_CODE_PATTERN } from "../id/index.ts";

// Register search (登记表检索): what a typed query means. The branch database keeps one trigram full-text row per
// request (`request_search`, columns code · contact · place · body; migration "register-search"), so any
// substring of 3 or more characters is one indexed phrase. Shorter words (a two-character name such as 张伟,
// a word such as 漏水) are looked up as the prefixes of indexed trigrams: every column ends with two spaces, so
// every character and every pair of characters starts at least one trigram.

/** How the register is ordered: newest first, or urgent ones first (newest first within each). */
export const REGISTER_ORDERS = ["newest", "urgent"] as const;
export type RegisterOrder = (typeof REGISTER_ORDERS)[number];

/** The columns of `request_search`, in order. */
export const SEARCH_COLUMNS = ["code", "contact", "place", "body"] as const;
export type SearchColumn = (typeof SEARCH_COLUMNS)[number];

/**
 * How a building is written after its number: 1栋, 1幢, 1号楼, 1座, 1#. The migration's trigger writes the same
 * place with each of these replaced by "-", so "1栋502", "1幢502室" and "2-301" all meet the same form.
 */
export const BUILDING_MARKS = ["号楼", "栋", "幢", "座", "#"] as const;

export type SearchTerm =
  /** A whole tracking code or mobile number: the request's own unique index, no full-text search. */
  | { kind: "exact"; field: "trackingCode" | "contactPhone"; text: string }
  /**
   * Two or more groups of a tracking code, with or without dashes: one group is looked up in the index (its
   * trigrams are rare), the rest is checked on the few requests found.
   */
  | { kind: "codePart"; group: string; text: string }
  /** An indexed substring (3+ characters), optionally in one column only. */
  | { kind: "phrase"; text: string; column?: SearchColumn }
  /** 1–2 characters: matches any trigram that starts with them. */
  | { kind: "prefix"; text: string };

// Building: a number or a letter with at most two digits (1, 12, A, B2); unit: 2–5 digits. Anything before it
// (a community's name) ends in a space or a Chinese character, so a tracking code's groups are never a unit.
const UNIT = new RegExp(
  `^(|.*?[\\s\\u3000-\\u9fff])([0-9]{1,3}|[A-Za-z][0-9]{0,2})\\s*(?:${BUILDING_MARKS.join("|")}|-)\\s*([0-9]{2,5})\\s*[室号]?$`,
);
const PHONE_LIKE = /^\+?[\d\s-]+$/;
const MOBILE = /^1\d{10}$/;
const CODE_GROUPS = /^[2-9A-HJ-NP-Z]{5}(?:-?[2-9A-HJ-NP-Z]{5})+$/;

/** The canonical form of a unit as people write it ("1栋502室" → "1-502"), or null when the text is not one. */
export function unitSearchKey(text: string): { key: string; rest: string } | null {
  const m = UNIT.exec(text.trim());
  if (!m) return null;
  return { key: `${m[2]!.toLowerCase()}-${m[3]!.toLowerCase()}`, rest: m[1]!.trim() };
}

/** What a query asks for: every term must match (AND). An empty list means "no search". */
export function searchTerms(raw: string): SearchTerm[] {
  const q = raw.normalize("NFKC").trim().replace(/\s+/g, " ");
  if (!q) return [];
  // A phone as typed ("138 1234 5678"); then units ("2-301", "1栋502"); then digits (the last 4 of a phone).
  const upper = q.toUpperCase();
  if (TRACKING_CODE_PATTERN.test(upper)) return [{ kind: "exact", field: "trackingCode", text: upper }];
  if (CODE_GROUPS.test(upper)) return [{ kind: "codePart", group: upper.slice(0, 5).toLowerCase(), text: upper.replaceAll("-", "") }];
  const digits = PHONE_LIKE.test(q) ? q.replace(/\D/g, "") : "";
  if (MOBILE.test(digits)) return [{ kind: "exact", field: "contactPhone", text: digits }];
  if (digits.length >= 7) return [{ kind: "phrase", text: digits }];
  const unit = unitSearchKey(q);
  // Between spaces, as the index writes it: 1栋502 is not 11栋502.
  if (unit) return [{ kind: "phrase", text: ` ${unit.key} `, column: "place" }, ...(unit.rest ? searchTerms(unit.rest) : [])];
  if (digits.length >= 3) return [{ kind: "phrase", text: digits }];
  const words = q
    .toLowerCase()
    .split(" ")
    .filter((w, i, all) => all.indexOf(w) === i);
  // A one-character word means nothing alone ("找快递 1 号"): the words are then read together, as typed.
  if (words.length > 1 && words.some((w) => [...w].length === 1)) return [{ kind: "phrase", text: q.toLowerCase() }];
  return words.map((w): SearchTerm => ([...w].length >= 3 ? { kind: "phrase", text: w } : { kind: "prefix", text: w }));
}

/** An FTS5 string literal: double quotes doubled, so that nothing typed is read as query syntax. */
export const ftsQuote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * The FTS5 MATCH expression of the terms (exact terms are not in it), given the indexed trigrams that each prefix term stands for
 * (`expansions[i]` for `terms[i]`). Null when a prefix stands for nothing: no request can match.
 */
export function searchMatch(terms: SearchTerm[], expansions: ReadonlyArray<readonly string[] | undefined>): string | null {
  const parts: string[] = [];
  for (const [i, t] of terms.entries()) {
    if (t.kind === "exact") continue;
    if (t.kind === "codePart") parts.push(`code : ${ftsQuote(t.group)}`);
    else if (t.kind === "phrase") parts.push(t.column ? `${t.column} : ${ftsQuote(t.text)}` : ftsQuote(t.text));
    else {
      const grams = expansions[i] ?? [];
      if (!grams.length) return null;
      parts.push(`(${grams.map(ftsQuote).join(" OR ")})`);
    }
  }
  return parts.length ? parts.join(" AND ") : null;
}

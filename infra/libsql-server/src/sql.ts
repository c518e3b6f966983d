/**
 * A small SQL tokenizer, just precise enough to:
 *  - find the bound parameters of a statement (SQLite numbering rules), so that
 *    arguments can be validated and bound positionally (the `libsql` binding
 *    aborts the process on some malformed named bindings);
 *  - split a script into statements (for the Hrana `sequence` request), keeping
 *    `CREATE TRIGGER ... BEGIN ...; ...; END;` bodies together.
 */

export interface ParamInfo {
  /** Highest parameter index (= sqlite3_bind_parameter_count). */
  count: number;
  /** Parameter name (with prefix) -> 1-based index. */
  names: Map<string, number>;
  /** slots[i] is the name of parameter i (1-based); `null` for anonymous `?`. */
  slots: (string | null)[];
}

export interface ParsedStatement {
  sql: string;
  /** No tokens at all (only whitespace/comments). */
  empty: boolean;
  /** First keyword, upper-cased ("" if none). */
  firstWord: string;
  params: ParamInfo;
}

const MAX_PARAM_INDEX = 32766;

function isIdStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 0x80;
}
function isIdChar(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57) || c === 36; /* $ */
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

type Token = { kind: "word"; text: string } | { kind: "param"; text: string } | { kind: "semi" } | { kind: "other" };

export class SqlParseError extends Error {}

/** Tokenizes `sql`, calling `onToken(token, start, end)`. */
function tokenize(sql: string, onToken: (t: Token, start: number, end: number) => void): void {
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    const start = i;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 45 /* - */ && sql.charCodeAt(i + 1) === 45) {
      const nl = sql.indexOf("\n", i + 2);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (c === 47 /* / */ && sql.charCodeAt(i + 1) === 42 /* * */) {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === 39 /* ' */ || c === 34 /* " */ || c === 96 /* ` */) {
      i++;
      for (;;) {
        const j = sql.indexOf(String.fromCharCode(c), i);
        if (j < 0) {
          i = n;
          break;
        }
        if (sql.charCodeAt(j + 1) === c) {
          i = j + 2;
          continue;
        }
        i = j + 1;
        break;
      }
      onToken(c === 39 ? { kind: "other" } : { kind: "word", text: "" }, start, i);
      continue;
    }
    if (c === 91 /* [ */) {
      const j = sql.indexOf("]", i + 1);
      i = j < 0 ? n : j + 1;
      onToken({ kind: "word", text: "" }, start, i);
      continue;
    }
    if (c === 59 /* ; */) {
      i++;
      onToken({ kind: "semi" }, start, i);
      continue;
    }
    if (c === 63 /* ? */) {
      i++;
      while (i < n && isDigit(sql.charCodeAt(i))) i++;
      onToken({ kind: "param", text: sql.slice(start, i) }, start, i);
      continue;
    }
    if ((c === 58 /* : */ || c === 64) /* @ */ && i + 1 < n && isIdChar(sql.charCodeAt(i + 1))) {
      i++;
      while (i < n && isIdChar(sql.charCodeAt(i))) i++;
      onToken({ kind: "param", text: sql.slice(start, i) }, start, i);
      continue;
    }
    if (c === 36 /* $ */ && i + 1 < n && isIdChar(sql.charCodeAt(i + 1))) {
      i++;
      for (;;) {
        while (i < n && isIdChar(sql.charCodeAt(i))) i++;
        if (sql.charCodeAt(i) === 58 && sql.charCodeAt(i + 1) === 58) {
          i += 2;
          continue;
        }
        if (sql.charCodeAt(i) === 40 /* ( */) {
          const j = sql.indexOf(")", i);
          i = j < 0 ? n : j + 1;
        }
        break;
      }
      onToken({ kind: "param", text: sql.slice(start, i) }, start, i);
      continue;
    }
    if (isIdStart(c)) {
      i++;
      while (i < n && isIdChar(sql.charCodeAt(i))) i++;
      onToken({ kind: "word", text: sql.slice(start, i) }, start, i);
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(sql.charCodeAt(i + 1)))) {
      i++;
      while (i < n) {
        const d = sql.charCodeAt(i);
        if (isDigit(d) || d === 46 || isIdStart(d)) {
          i++;
        } else if ((d === 43 || d === 45) && (sql.charCodeAt(i - 1) | 0x20) === 101 /* e */) {
          i++;
        } else {
          break;
        }
      }
      onToken({ kind: "other" }, start, i);
      continue;
    }
    i++;
    onToken({ kind: "other" }, start, i);
  }
}

function newParams(): ParamInfo {
  return { count: 0, names: new Map(), slots: [null] };
}

function addParam(p: ParamInfo, text: string): void {
  if (text === "?") {
    p.count++;
    p.slots[p.count] = null;
    return;
  }
  if (text.startsWith("?")) {
    const idx = Number(text.slice(1));
    if (!Number.isInteger(idx) || idx < 1 || idx > MAX_PARAM_INDEX) {
      throw new SqlParseError(`variable number must be between ?1 and ?${MAX_PARAM_INDEX}`);
    }
    if (idx > p.count) {
      for (let k = p.count + 1; k < idx; k++) p.slots[k] = null;
      p.count = idx;
    }
    if (!p.names.has(text)) p.names.set(text, idx);
    p.slots[idx] = text;
    return;
  }
  if (p.names.has(text)) return;
  p.count++;
  p.names.set(text, p.count);
  p.slots[p.count] = text;
}

/** Splits `sql` into statements and analyzes each of them. Empty statements are included. */
export function parseStatements(sql: string): ParsedStatement[] {
  const out: ParsedStatement[] = [];
  let stmtStart = 0;
  let words: string[] = [];
  let prevWord = "";
  let params = newParams();
  let any = false;
  let isTrigger = false;

  const finish = (end: number) => {
    out.push({
      sql: sql.slice(stmtStart, end),
      empty: !any,
      firstWord: (words[0] ?? "").toUpperCase(),
      params,
    });
    stmtStart = end;
    words = [];
    prevWord = "";
    params = newParams();
    any = false;
    isTrigger = false;
  };

  tokenize(sql, (t, _start, end) => {
    if (t.kind === "semi") {
      if (isTrigger && prevWord !== "END") {
        prevWord = "";
        return;
      }
      finish(end);
      return;
    }
    any = true;
    if (t.kind === "word") {
      const up = t.text.toUpperCase();
      if (words.length < 4) {
        words.push(up);
        if (
          up === "TRIGGER" &&
          words[0] === "CREATE" &&
          (words.length === 2 || (words.length === 3 && (words[1] === "TEMP" || words[1] === "TEMPORARY")))
        ) {
          isTrigger = true;
        }
      }
      prevWord = up;
    } else {
      prevWord = "";
      if (t.kind === "param") addParam(params, t.text);
    }
  });
  if (stmtStart < sql.length || out.length === 0) finish(sql.length);
  return out;
}

/** Non-empty statements of a script. */
export function splitStatements(sql: string): ParsedStatement[] {
  return parseStatements(sql).filter((s) => !s.empty);
}

/**
 * Analyzes a single statement. Throws SqlParseError if the text contains more than
 * one non-empty statement.
 */
export function parseSingleStatement(sql: string): ParsedStatement {
  const stmts = parseStatements(sql);
  const nonEmpty = stmts.filter((s) => !s.empty);
  if (nonEmpty.length > 1) {
    throw new SqlParseError("SQL string contains more than one statement");
  }
  const first = nonEmpty[0] ?? stmts[0];
  if (!first) return { sql, empty: true, firstWord: "", params: newParams() };
  return first;
}

// Domain errors know nothing of HTTP: the worker's single onError maps `code` to a status.
export type ErrorCode =
  | "bad_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "invalid_transition"
  | "stale_version"
  | "idempotency_mismatch"
  | "rate_limited"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unavailable"
  | "reply_blocked"
  | "branch_suspended"
  | "night_rule";

export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

export interface ErrorExtra {
  errors?: FieldError[];
  /** The problem's `detail` in the reader's language (a catalog key and its parameters), instead of the English message. */
  explain?: { key: string; params: Record<string, string | number> };
  retryAfterSeconds?: number;
  detail?: Record<string, unknown>;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly extra: ErrorExtra;
  constructor(code: ErrorCode, message: string, extra: ErrorExtra = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.extra = extra;
  }
}

export class BadInput extends DomainError {
  constructor(message: string, errors: FieldError[] = []) {
    super("bad_input", message, { errors });
  }
}
export class Unauthenticated extends DomainError {
  constructor(message = "authentication required") {
    super("unauthenticated", message);
  }
}
export class Forbidden extends DomainError {
  constructor(message = "not allowed") {
    super("forbidden", message);
  }
}
export class NotFound extends DomainError {
  constructor(what = "resource") {
    super("not_found", `${what} not found`);
  }
}
export class Conflict extends DomainError {
  constructor(message: string) {
    super("conflict", message);
  }
}
export class InvalidTransition extends DomainError {
  constructor(from: string, action: string) {
    super("invalid_transition", `action "${action}" is not allowed in state "${from}"`, { detail: { from, action } });
  }
}
export class StaleVersion extends DomainError {
  /** `won`: whose change made the version current, and when (ISO), so the loser can be told. */
  constructor(expected: number, actual: number, won?: { changedBy: string | null; changedAt: string | null }) {
    super("stale_version", `version ${expected} is stale; current is ${actual}`, { detail: { expected, actual, ...won } });
  }
}
export class IdempotencyMismatch extends DomainError {
  constructor() {
    super("idempotency_mismatch", "this Idempotency-Key was already used with a different request body");
  }
}
export class RateLimited extends DomainError {
  constructor(retryAfterSeconds: number, message = "too many requests") {
    super("rate_limited", message, { retryAfterSeconds });
  }
}
export class Unavailable extends DomainError {
  constructor(retryAfterSeconds = 2, message = "a backing service is temporarily unavailable") {
    super("unavailable", message, { retryAfterSeconds });
  }
}

/** A resident-facing reply hit the branch's language list; `detail.hits` names each phrase and a polite form. */
export class ReplyBlocked extends DomainError {
  constructor(hits: Array<{ phrase: string; index: number; length: number; suggestions: string[] }>) {
    super("reply_blocked", `the reply contains ${hits.map((h) => `"${h.phrase}"`).join(", ")}`, {
      errors: hits.map((h) => ({ path: "text", message: `avoid "${h.phrase}"; try: ${h.suggestions[0]}`, code: "reply_language" })),
      detail: { hits },
    });
  }
}

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  stale_version: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_mismatch: 422,
  rate_limited: 429,
  unavailable: 503,
  reply_blocked: 422,
  branch_suspended: 423,
  night_rule: 403,
};

import { ApiError } from "./api.ts";
import { currentLocale, tr } from "./i18n.ts";

interface Issue {
  path: PropertyKey[];
  code: string;
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  input?: unknown;
}
/** Any zod schema (structurally, so the web package needs no zod import of its own). */
export interface Schema<T> {
  safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
}

export type FieldErrors = Record<string, string>;

/** The first error whose field path starts with `prefix`. */
export const errorUnder = (errors: FieldErrors, prefix: string) => Object.entries(errors).find(([k]) => k.startsWith(prefix))?.[1];
/** The error of a field, or of the first of its parts ("contact" finds "contact.phone"). */
export const errorAt = (errors: FieldErrors, path: string) => errors[path] ?? errorUnder(errors, `${path}.`);

/** A zod issue in the reader's language; the schema's own (English) text stays for what we cannot name. */
function message(i: Issue): string {
  if (i.code === "too_small" && (i.input === undefined || i.input === "" || (i.origin !== "number" && Number(i.minimum) === 1)))
    return tr("w.form.required");
  if (i.code === "invalid_type" && (i.input === undefined || i.input === null)) return tr("w.form.required");
  if (i.code === "too_small") return tr("w.form.tooSmall", { n: String(i.minimum) });
  if (i.code === "too_big") return tr("w.form.tooBig", { n: String(i.maximum) });
  if (i.code === "invalid_format" || i.code === "invalid_string") return tr("w.form.format");
  if (/\balready (exists|used)\b/.test(i.message)) return tr("w.form.duplicate");
  if (i.message.includes("plain text")) return tr("w.form.plainText");
  if (i.message.includes("phone")) return tr("w.form.phoneInvalid");
  return invalid(i.message);
}

/** "Please check" with the schema's or the API's English explanation for English readers; Chinese text stays Chinese. */
const invalid = (detail: string) => (currentLocale() === "en" ? tr("w.form.invalid", { detail }) : tr("w.form.checkThis"));

/** Validates with the same zod schema as the API; field path ("contact.phone") → localized message. */
export function validate<T>(schema: Schema<T>, value: unknown): { ok: true; data: T } | { ok: false; errors: FieldErrors } {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, data: r.data };
  const errors: FieldErrors = {};
  for (const i of r.error.issues) {
    const path = i.path.map(String).join(".") || "(body)";
    const given = i.path.reduce<unknown>(
      (o, k) => (o && typeof o === "object" ? (o as Record<PropertyKey, unknown>)[k] : undefined),
      value,
    );
    errors[path] ??= given === undefined || (typeof given === "string" && !given.trim()) ? tr("w.form.required") : message(i);
  }
  return { ok: false, errors };
}

/** The value of a <select> (any string) as one of `values`, or `fallback` when it is none of them. */
export const oneOf = <V extends string>(values: readonly V[], value: string, fallback: V): V => values.find((v) => v === value) ?? fallback;

/** The server's field errors (problem+json `errors[]`), or the problem's title under "(body)". */
export function serverErrors(err: unknown): FieldErrors {
  if (err instanceof ApiError) {
    // The server's English text is said in the reader's language where we know it ("already used" → duplicate).
    const fields = Object.fromEntries(
      Object.entries(err.fields).map(([path, text]) => [path, message({ path: [], code: "server", message: text })]),
    );
    return Object.keys(fields).length ? fields : { "(body)": errorText(err) };
  }
  return { "(body)": errorText(err) };
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const p = err.problem;
    if (!p) return tr("w.error.http", { status: err.status });
    if (p.localized === true && p.detail) return p.detail;
    // Otherwise the detail is the API's English explanation: shown to English readers only, never inside Chinese text.
    return currentLocale() === "en" && p.detail && p.detail !== p.title ? `${p.title} (${p.detail})` : p.title;
  }
  return tr("w.error.network");
}

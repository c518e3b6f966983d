import type { ComponentChildren } from "preact";
import { errorText } from "../lib/form.ts";
import { tr } from "../lib/i18n.ts";

let seq = 0;
const nextId = () => `f${++seq}`;

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  id?: string;
  children?: (id: string, describedBy: string | undefined) => ComponentChildren;
}

/** A labelled control with its hint and error tied to it for screen readers. */
export function Field({ label, error, hint, id, children }: FieldProps) {
  const fid = id ?? nextId();
  const describedBy = [hint ? `${fid}-hint` : "", error ? `${fid}-err` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field${error ? " invalid" : ""}`}>
      <label for={fid}>{label}</label>
      {children?.(fid, describedBy)}
      {hint && (
        <small id={`${fid}-hint`} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${fid}-err`} class="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

interface InputProps {
  value: string;
  onValue(v: string): void;
  type?: string;
  inputMode?: "text" | "tel" | "numeric" | "decimal" | "email" | "search";
  autoComplete?: string;
  maxLength?: number;
  required?: boolean;
  placeholder?: string;
  min?: string | number;
  max?: string | number;
  step?: string | number;
}
export function TextField({
  label,
  error,
  hint,
  id,
  value,
  onValue,
  ...rest
}: InputProps & { label: string; error?: string | undefined; hint?: string | undefined; id?: string }) {
  return (
    <Field label={label} error={error} hint={hint} {...(id ? { id } : {})}>
      {(fid, d) => (
        <input
          {...(rest as Record<string, unknown>)}
          id={fid}
          name={fid}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={d}
        />
      )}
    </Field>
  );
}

export function TextArea({
  label,
  error,
  hint,
  id,
  value,
  onValue,
  rows = 4,
  ...rest
}: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  id?: string;
  value: string;
  onValue(v: string): void;
  rows?: number;
  maxLength?: number;
  required?: boolean;
  placeholder?: string;
}) {
  return (
    <Field label={label} error={error} hint={hint} {...(id ? { id } : {})}>
      {(fid, d) => (
        <textarea
          id={fid}
          name={fid}
          rows={rows}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={d}
          {...rest}
        />
      )}
    </Field>
  );
}

export function Select({
  label,
  error,
  hint,
  id,
  value,
  onValue,
  options,
  placeholder,
}: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  id?: string;
  value: string;
  onValue(v: string): void;
  options: Array<{ value: string; label: string }>;
  placeholder?: string;
}) {
  return (
    <Field label={label} error={error} hint={hint} {...(id ? { id } : {})}>
      {(fid, d) => (
        <select
          id={fid}
          name={fid}
          value={value}
          onChange={(e) => onValue(e.currentTarget.value)}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={d}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option value={o.value} key={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Loading({ label }: { label?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {label ?? tr("w.loading")}
    </p>
  );
}

export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  if (!error) return null;
  return (
    <div class="error-box" role="alert">
      <span>{typeof error === "string" ? error : errorText(error)}</span>
      {retry && (
        <button type="button" class="link" onClick={retry}>
          {tr("w.retry")}
        </button>
      )}
    </div>
  );
}

/** Loading and error states for one query, then its content. */
export function Async<T>({
  q,
  children,
}: {
  q: { data: T | undefined; error: unknown; loading: boolean; refetch(): Promise<void> };
  children: (data: T) => ComponentChildren;
}) {
  if (q.data !== undefined) return <>{children(q.data)}</>;
  if (q.error) return <ErrorBox error={q.error} retry={() => void q.refetch()} />;
  return <Loading />;
}

export function Card({
  title,
  children,
  class: cls,
  id,
}: {
  title?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
  id?: string;
}) {
  return (
    <section class={`card ${cls ?? ""}`} id={id}>
      {title && <h2>{title}</h2>}
      {children}
    </section>
  );
}

export function Badge({ tone, children }: { tone: "ok" | "warn" | "bad" | "info" | "muted"; children: ComponentChildren }) {
  return <span class={`badge ${tone}`}>{children}</span>;
}

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

/** A Field's own props: its label, error and hint, and the id the control takes (generated when not given). */
interface Labelled {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  id?: string;
}
interface Valued {
  value: string;
  onValue(v: string): void;
}
interface ControlAttrs {
  id: string;
  name: string;
  value: string;
  "aria-invalid": "true" | undefined;
  "aria-describedby": string | undefined;
}

/** A Field around one control: the control takes the Field's id as its id and name, the value, and the error and hint for screen readers. */
function Bound({ p, children }: { p: Labelled & Valued; children(attrs: ControlAttrs): ComponentChildren }) {
  return (
    <Field label={p.label} error={p.error} hint={p.hint} {...(p.id ? { id: p.id } : {})}>
      {(fid, d) => children({ id: fid, name: fid, value: p.value, "aria-invalid": p.error ? "true" : undefined, "aria-describedby": d })}
    </Field>
  );
}

/** The props meant for the control itself (maxLength, placeholder, …): all but the Field's and the value's. */
function own<P extends Labelled & Valued>(p: P): Omit<P, keyof Labelled | keyof Valued> {
  const { label: _label, error: _error, hint: _hint, id: _id, value: _value, onValue: _onValue, ...rest } = p;
  return rest;
}

interface InputProps extends Labelled, Valued {
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
export function TextField(p: InputProps) {
  return (
    <Bound p={p}>
      {(attrs) => <input {...(own(p) as Record<string, unknown>)} {...attrs} onInput={(e) => p.onValue(e.currentTarget.value)} />}
    </Bound>
  );
}

export function TextArea(p: Labelled & Valued & { rows?: number; maxLength?: number; required?: boolean; placeholder?: string }) {
  return (
    <Bound p={p}>
      {(attrs) => <textarea {...own(p)} rows={p.rows ?? 4} {...attrs} onInput={(e) => p.onValue(e.currentTarget.value)} />}
    </Bound>
  );
}

/** The choices of a select; `placeholder` is an empty first choice (none chosen, or all). */
export function Options(p: { options: Array<{ value: string; label: string }>; placeholder?: string | undefined }) {
  return (
    <>
      {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
      {p.options.map((o) => (
        <option value={o.value} key={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

export function Select(p: Labelled & Valued & { options: Array<{ value: string; label: string }>; placeholder?: string }) {
  return (
    <Bound p={p}>
      {(attrs) => (
        <select {...attrs} onChange={(e) => p.onValue(e.currentTarget.value)}>
          <Options options={p.options} placeholder={p.placeholder} />
        </select>
      )}
    </Bound>
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

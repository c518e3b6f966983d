import type { BranchProfile } from "../api/types.ts";
import { term, tr } from "../lib/i18n.ts";
import { Select, TextArea, TextField } from "./kit.tsx";

/**
 * The fields of a new request, shared by the resident's portal form (a 390 px phone) and the staff's desk form.
 * Their element ids are what the e2e journeys find them by.
 */
interface Bound {
  value: string;
  onValue(v: string): void;
  error?: string | undefined;
}
const bound = (id: string, label: string, p: Bound) => ({ id, label, value: p.value, onValue: p.onValue, error: p.error });

/** The category chooser of a new request, the kind's categories of the branch, urgent ones marked. */
export function CategorySelect(p: Bound & { categories: BranchProfile["categories"] }) {
  return (
    <Select
      {...bound("category", tr("w.form.category"), p)}
      placeholder={tr("w.form.choose")}
      options={p.categories.map((c) => ({ value: c.code, label: c.urgent ? `${c.name}(${term("urgency", "urgent")})` : c.name }))}
    />
  );
}

/** Who to call back: the contact's name and phone, as the resident or the agent types them. */
export function ContactFields(p: {
  name: string;
  phone: string;
  onName(v: string): void;
  onPhone(v: string): void;
  error(path: string): string | undefined;
  /** On the resident's own phone: autofill and the hint on why the number is asked. */
  own?: boolean;
}) {
  const name = { value: p.name, onValue: p.onName, error: p.error("contact.name") };
  const phone = { value: p.phone, onValue: p.onPhone, error: p.error("contact.phone") };
  return (
    <>
      <TextField {...bound("contact-name", tr("w.form.name"), name)} maxLength={40} {...(p.own ? { autoComplete: "name" } : {})} />
      <TextField
        {...bound("contact-phone", tr("w.form.phone"), phone)}
        type="tel"
        inputMode="tel"
        {...(p.own ? { autoComplete: "tel", hint: tr("w.form.phoneHint") } : {})}
      />
    </>
  );
}

/** What happened, in the caller's words: a larger box on the resident's phone, with an example to follow. */
export function DescriptionField(p: Bound & { rows?: number; placeholder?: string }) {
  return <TextArea {...bound("description", tr("w.form.description"), p)} maxLength={2000} rows={p.rows} placeholder={p.placeholder} />;
}

/** Where it is, as one of the branch's units; `placeholder` is the empty choice (none chosen yet, or no unit at all). */
export function UnitSelect(p: Bound & { units: Array<{ id: string; label: string }>; placeholder: string }) {
  return (
    <Select
      {...bound("unit", tr("w.form.unit"), p)}
      placeholder={p.placeholder}
      options={p.units.map((u) => ({ value: u.id, label: u.label }))}
    />
  );
}

/** Where it is, in words: a public area (a lobby, a car park) rather than a unit. */
export function AreaField(p: Bound & { placeholder?: string }) {
  return <TextField {...bound("area", tr("w.form.area"), p)} maxLength={100} placeholder={p.placeholder} />;
}

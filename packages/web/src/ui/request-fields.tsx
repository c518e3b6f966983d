import type { BranchProfile } from "../api/types.ts";
import { term, tr } from "../lib/i18n.ts";
import { Select, TextField } from "./kit.tsx";

/** The category chooser of a new request, the kind's categories of the branch, urgent ones marked. */
export function CategorySelect(p: {
  categories: BranchProfile["categories"];
  value: string;
  onValue(v: string): void;
  error: string | undefined;
}) {
  return (
    <Select
      id="category"
      label={tr("w.form.category")}
      value={p.value}
      onValue={p.onValue}
      placeholder={tr("w.form.choose")}
      error={p.error}
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
  return (
    <>
      <TextField
        id="contact-name"
        label={tr("w.form.name")}
        value={p.name}
        onValue={p.onName}
        error={p.error("contact.name")}
        maxLength={40}
        {...(p.own ? { autoComplete: "name" } : {})}
      />
      <TextField
        id="contact-phone"
        label={tr("w.form.phone")}
        type="tel"
        inputMode="tel"
        value={p.phone}
        onValue={p.onPhone}
        error={p.error("contact.phone")}
        {...(p.own ? { autoComplete: "tel", hint: tr("w.form.phoneHint") } : {})}
      />
    </>
  );
}

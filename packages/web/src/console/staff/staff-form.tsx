import { BRANCH_ROLES } from "@wuye/core/auth";
import { StaffCreateInputSchema, StaffPatchInputSchema } from "@wuye/core/staff";
import { useState } from "preact/hooks";
import { answer, type Output } from "../../lib/api.ts";
import { oneOf } from "../../lib/form.ts";
import { currentLocale, term, tr } from "../../lib/i18n.ts";
import { useSave } from "../../lib/save.ts";
import { staffApi } from "../../lib/session.ts";
import { ErrorBox, Select, TextField } from "../../ui/kit.tsx";

export type Member = Output<(typeof staffApi)["console"]["staff"]["$get"]>["items"][number];
export type SentLink = { expiresAt: string; link?: string | undefined; sentTo: string[] };
/** What the form offers to tick: the branch's skills (named in both languages) and communities. */
export interface Choices {
  skills: Array<{ code: string; name: { zh: string; en: string } }>;
  communities: Array<{ id: string; name: string }>;
}

type Values = { name: string; role: string; phone: string; email: string; skills: string[]; communities: string[] };
const valuesOf = (m: Member | undefined): Values => ({
  name: m?.name ?? "",
  role: m?.role ?? "agent",
  phone: m?.phone ?? "",
  email: m?.email ?? "",
  skills: m?.skills ?? [],
  communities: m?.communities ?? [],
});
const FIELDS = ["name", "role", "phone", "email", "skills", "communities"];

/** Ticks for a list of codes; a code the member has that the list no longer names still shows, ticked. */
function Ticks({
  id,
  legend,
  options,
  value,
  onValue,
  error,
}: {
  id: string;
  legend: string;
  options: Array<{ value: string; label: string }>;
  value: string[];
  onValue(v: string[]): void;
  error?: string | undefined;
}) {
  const all = [...options, ...value.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v }))];
  return (
    <fieldset id={id} class={error ? "invalid" : undefined}>
      <legend>{legend}</legend>
      {all.map((o) => (
        <label class="check" key={o.value}>
          <input
            type="checkbox"
            value={o.value}
            checked={value.includes(o.value)}
            onChange={(e) => onValue(e.currentTarget.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
          />
          {o.label}
        </label>
      ))}
      {error && (
        <small class="error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}

/**
 * One form adds a member (the invite link follows) and changes one (If-Match on the version shown): name, role,
 * phone, email, skills and communities. A stale save says so and the form takes the latest values.
 */
export function StaffForm({
  member,
  choices,
  onAdded,
  onDone,
}: {
  member?: Member;
  choices: Choices;
  onAdded?(name: string, link: SentLink): void;
  /** Closes an edit (after a save, or cancelled). */
  onDone?(): void;
}) {
  const [v, setValues] = useState<Values>(() => valuesOf(member));
  const set =
    <K extends keyof Values>(k: K) =>
    (value: Values[K]) =>
      setValues((old) => ({ ...old, [k]: value }));
  const { errors, setErrors, busy, save, unplaced } = useSave({
    refresh: "staff",
    staleText: tr("w.staff.stale"),
    current: member,
    reset: (latest) => setValues(valuesOf(latest)),
  });
  const formId = member ? `edit-staff-${member.id}` : "add-staff";
  const id = member ? formId : "staff";
  async function submit(e: Event) {
    e.preventDefault();
    if (!v.phone.trim() && !v.email.trim()) return setErrors({ phone: tr("w.staff.needLogin") });
    const role = oneOf(BRANCH_ROLES, v.role, "agent");
    const staff = staffApi.console.staff;
    if (member) {
      const input = { ...v, role, phone: v.phone.trim() || null, email: v.email.trim() || null };
      const ok = await save(StaffPatchInputSchema, input, (json, version) =>
        answer(staff[":id"].$patch({ param: { id: member.id }, header: { "if-match": version }, json })),
      );
      if (ok) onDone?.();
      return;
    }
    const input = {
      name: v.name,
      role,
      ...(v.phone.trim() ? { phone: v.phone } : {}),
      ...(v.email.trim() ? { email: v.email } : {}),
      ...(v.skills.length ? { skills: v.skills } : {}),
      ...(v.communities.length ? { communities: v.communities } : {}),
    };
    await save(StaffCreateInputSchema, input, async (json) => {
      const { data } = await answer(staff.$post({ json }));
      setValues(valuesOf(undefined));
      onAdded?.(data.name, data.invite);
    });
  }
  const en = currentLocale() === "en";
  const text = (k: "name" | "phone" | "email", more: { maxLength?: number; inputMode?: "tel" | "email" }) => (
    <TextField id={`${id}-${k}`} label={tr(`w.staff.${k}`)} value={v[k]} onValue={set(k)} error={errors[k]} {...more} />
  );
  return (
    <form class={member ? "staff-form" : "card staff-form"} id={formId} onSubmit={submit} noValidate>
      <h2>{member ? tr("w.staff.edit", { name: member.name }) : tr("w.staff.add")}</h2>
      <div class="grid2">
        {text("name", { maxLength: 40 })}
        <Select
          id={`${id}-role`}
          label={tr("w.staff.role")}
          value={v.role}
          onValue={set("role")}
          error={errors.role}
          options={BRANCH_ROLES.map((r) => ({ value: r, label: term("role", r) }))}
        />
        {text("phone", { inputMode: "tel" })}
        {text("email", { inputMode: "email" })}
      </div>
      <Ticks
        id={`${id}-skills`}
        legend={tr("w.staff.skills")}
        options={choices.skills.map((s) => ({ value: s.code, label: en ? s.name.en : s.name.zh }))}
        value={v.skills}
        onValue={set("skills")}
        error={errors.skills}
      />
      {choices.communities.length > 0 && (
        <Ticks
          id={`${id}-communities`}
          legend={tr("w.staff.communities")}
          options={choices.communities.map((c) => ({ value: c.id, label: c.name }))}
          value={v.communities}
          onValue={set("communities")}
          error={errors.communities}
        />
      )}
      <ErrorBox error={unplaced(FIELDS)} />
      <div class="form-buttons">
        <button type="submit" class="primary" disabled={busy}>
          {member ? tr("w.staff.save") : tr("w.staff.add")}
        </button>
        {member && (
          <button type="button" class="ghost" onClick={onDone}>
            {tr("w.staff.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

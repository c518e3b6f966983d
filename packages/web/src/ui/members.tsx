import { type ComponentChildren, Fragment } from "preact";
import { useState } from "preact/hooks";
import { errorText, type FieldErrors, type Schema, serverErrors, validate } from "../lib/form.ts";
import { fmtDateTime, type TextKey, tr } from "../lib/i18n.ts";
import { staffSession } from "../lib/session.ts";
import { Badge, ErrorBox, TextField } from "./kit.tsx";
import { type Head, ListTable } from "./list-table.tsx";

// Staff accounts as two screens manage them: the branch manager's staff (console) and the organization
// administrator's head-office and region users (admin). Same lifecycle (invite, deactivate, reactivate, reset),
// different roles and scopes; each screen writes its own typed-client calls and hands them in.

export type SentLink = { expiresAt: string; link?: string | undefined; sentTo: string[] };
/** A one-time link just made, and for whom. */
export interface Shown {
  name: string;
  link: SentLink;
}
export interface Member {
  id: string;
  name: string;
  active: boolean;
  invited: boolean;
}
type Param = { param: { id: string } };
/** A screen's four account operations. */
export interface AccountCalls {
  deactivate(p: Param): Promise<unknown>;
  reactivate(p: Param): Promise<unknown>;
  invite(p: Param): Promise<{ data: SentLink }>;
  reset(p: Param): Promise<{ data: SentLink }>;
}
type Action = keyof AccountCalls;

/** Where a one-time link went, and in development the link itself (so it can be handed on) with a copy button. */
function LinkNotice({ shown, unsent }: { shown: Shown; unsent: TextKey }) {
  const [copied, setCopied] = useState<string | null>(null);
  const { link, name } = shown;
  const copy = (text: string) =>
    navigator.clipboard.writeText(text).then(
      () => setCopied(text),
      () => setCopied(null),
    );
  return (
    <div class="notice-box" role="status" id="link-notice">
      <p>{tr(link.sentTo.length ? "w.staff.linkSent" : unsent, { to: name, name })}</p>
      {link.link && (
        <p class="link-line">
          {link.sentTo.length ? `${tr("w.staff.linkDev")} ` : null}
          <a href={link.link} id="invite-link">
            {link.link}
          </a>{" "}
          <button type="button" class="link" id="copy-link" onClick={() => void copy(link.link!)}>
            {copied === link.link ? tr("w.members.copied") : tr("w.members.copy")}
          </button>
        </p>
      )}
      <p class="hint">{tr("w.members.expires", { at: fmtDateTime(link.expiresAt) })}</p>
    </div>
  );
}

export function MemberStatus({ m }: { m: Member }) {
  if (!m.active) return <Badge tone="muted">{tr("w.staff.inactive")}</Badge>;
  return m.invited ? <Badge tone="info">{tr("w.staff.invited")}</Badge> : <Badge tone="ok">{tr("w.staff.active")}</Badge>;
}

/** Deactivation and reactivation are asked once more on the page, naming the member and what follows. */
function Confirm({ m, action, onYes, onNo }: { m: Member; action: "deactivate" | "reactivate"; onYes(): void; onNo(): void }) {
  return (
    <div class="notice-box confirm-bar" role="alertdialog" aria-labelledby="confirm-text" id="confirm">
      <p id="confirm-text">{tr(action === "deactivate" ? "w.staff.confirmDeactivate" : "w.members.confirmReactivate", { name: m.name })}</p>
      <span class="row-actions">
        <button type="button" id="confirm-yes" class={action === "deactivate" ? "danger" : "primary"} onClick={onYes}>
          {tr(action === "deactivate" ? "w.staff.deactivate" : "w.staff.reactivate")}
        </button>
        <button type="button" id="confirm-no" class="ghost" onClick={onNo}>
          {tr("w.members.cancel")}
        </button>
      </span>
    </div>
  );
}

export interface Column<M> {
  head: TextKey;
  cell(m: M): ComponentChildren;
  /** May wrap when the table is tight. */
  wrap?: true;
  /** The cell's class, for its styling and for finding it. */
  class?: string;
}

/**
 * The members as a table (the screen's columns, then status and actions), with the link just made, the
 * confirmation and any refusal above it. The signed-in member's own row has no actions.
 */
export function MemberList<M extends Member>({
  id,
  members,
  columns,
  calls,
  shown,
  unsent,
  onShown,
  onChanged,
  more,
  below,
}: {
  id: string;
  members: M[];
  columns: Array<Column<M>>;
  calls: AccountCalls;
  shown: Shown | null;
  /** What the link notice says when no SMS went out ({name}: to whom). */
  unsent: TextKey;
  onShown(s: Shown): void;
  onChanged(): void;
  /** A screen's own actions on a member (first in the row's actions). */
  more?(m: M): ComponentChildren;
  /** What a screen shows under a member's row, across the table (an edit form). */
  below?(m: M): ComponentChildren;
}) {
  const [asking, setAsking] = useState<{ m: M; action: "deactivate" | "reactivate" } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const self = staffSession()?.staff.id;
  const heads: Head[] = columns.map((c) => c.head);
  heads.push("w.staff.status", {});
  async function run(m: M, action: Action) {
    setAsking(null);
    setError(null);
    try {
      const param = { param: { id: m.id } };
      if (action === "invite" || action === "reset") onShown({ name: m.name, link: (await calls[action](param)).data });
      else await calls[action](param);
      onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  }
  const button = (m: M, action: Action, label: string, danger = false) => (
    <button
      type="button"
      class={danger ? "link danger" : "link"}
      data-action={action}
      onClick={() => (action === "deactivate" || action === "reactivate" ? setAsking({ m, action }) : void run(m, action))}
    >
      {label}
    </button>
  );
  return (
    <>
      {shown && <LinkNotice shown={shown} unsent={unsent} />}
      {asking && (
        <Confirm m={asking.m} action={asking.action} onYes={() => void run(asking.m, asking.action)} onNo={() => setAsking(null)} />
      )}
      <ErrorBox error={error} />
      <ListTable
        id={id}
        class="member-list"
        items={members}
        heads={heads}
        empty={tr("w.members.none")}
        row={(m) => {
          const under = below?.(m);
          return (
            <Fragment key={m.id}>
              <tr data-member={m.id} data-name={m.name}>
                {columns.map((c) => (
                  <td key={c.head} class={[c.class, c.wrap && "wrap"].filter(Boolean).join(" ") || undefined}>
                    {c.cell(m)}
                  </td>
                ))}
                <td>
                  <MemberStatus m={m} />
                </td>
                <td>
                  <span class="row-actions">
                    {more?.(m)}
                    {m.id === self ? (
                      <span class="hint">{tr("w.members.you")}</span>
                    ) : m.active ? (
                      <>
                        {m.invited ? button(m, "invite", tr("w.staff.invite")) : button(m, "reset", tr("w.staff.reset"))}
                        {button(m, "deactivate", tr("w.staff.deactivate"), true)}
                      </>
                    ) : (
                      button(m, "reactivate", tr("w.staff.reactivate"))
                    )}
                  </span>
                </td>
              </tr>
              {under && (
                <tr class="edit-row">
                  <td colSpan={heads.length}>{under}</td>
                </tr>
              )}
            </Fragment>
          );
        }}
      />
    </>
  );
}

type Contact = { name: string; phone: string; email: string };
const NO_CONTACT: Contact = { name: "", phone: "", email: "" };
export type Added = { data: { name: string; invite: SentLink } };

/**
 * An add form's common part: the name and the login names (phone, email), checked with the API's own schema
 * before anything is sent, and the server's refusals (a login name taken) on their fields.
 */
export function useAddMember<T>(schema: Schema<T>, post: (input: T) => Promise<Added>, onAdded: (s: Shown) => void) {
  const [contact, setContact] = useState(NO_CONTACT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  async function submit(rest: Record<string, unknown>) {
    const { name, phone, email } = contact;
    const body = { name, ...(phone.trim() ? { phone } : {}), ...(email.trim() ? { email } : {}), ...rest };
    const v = validate(schema, body);
    // The schema names `phone` when neither login name is given: say which two are meant.
    if (!v.ok)
      return setErrors(v.errors.phone && !phone.trim() && !email.trim() ? { ...v.errors, phone: tr("w.staff.needLogin") } : v.errors);
    setBusy(true);
    try {
      const { data } = await post(v.data);
      setErrors({});
      setContact(NO_CONTACT);
      onAdded({ name: data.name, link: data.invite });
      return true;
    } catch (err) {
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }
  /** A field's setter; an edited field's old error goes. */
  const set = (k: string) => (v: string) => {
    if (k in NO_CONTACT) setContact((old) => ({ ...old, [k]: v }));
    setErrors(({ [k]: _, ...others }) => others);
  };
  return { contact, errors, busy, submit, set };
}

/** Name, mobile phone and email of an add form; ids `${prefix}-name` … */
export function MemberFields({ prefix, form }: { prefix: string; form: ReturnType<typeof useAddMember> }) {
  const { contact, errors, set } = form;
  return (
    <>
      <TextField id={`${prefix}-name`} label={tr("w.staff.name")} value={contact.name} onValue={set("name")} error={errors.name} required />
      <TextField
        id={`${prefix}-phone`}
        label={tr("w.staff.phone")}
        inputMode="tel"
        value={contact.phone}
        onValue={set("phone")}
        error={errors.phone}
      />
      <TextField
        id={`${prefix}-email`}
        label={tr("w.staff.email")}
        inputMode="email"
        value={contact.email}
        onValue={set("email")}
        error={errors.email}
      />
    </>
  );
}

import { Fragment } from "preact";
import { useState } from "preact/hooks";
import { answer } from "../../lib/api.ts";
import { errorText } from "../../lib/form.ts";
import { term, tr } from "../../lib/i18n.ts";
import { invalidate, useQuery } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { Async, Badge, Card, ErrorBox } from "../../ui/kit.tsx";
import { skillNames } from "../dispatch.tsx";
import { loadPlaces, PLACES_KEY } from "../places/place-form.tsx";
import { loadSettings, SETTINGS_KEY } from "../settings/save.ts";
import { type Choices, type Member, type SentLink, StaffForm } from "./staff-form.tsx";

/** Where a one-time link went, and in development the link itself (so a local manager can hand it on). */
function LinkNotice({ link, name }: { link: SentLink; name: string }) {
  return (
    <div class="card" role="status" id="link-notice">
      <p>{link.sentTo.length ? tr("w.staff.linkSent", { to: name }) : tr("w.staff.noPhone")}</p>
      {link.link && (
        <p>
          {tr("w.staff.linkDev")}{" "}
          <a href={link.link} id="invite-link">
            {link.link}
          </a>
        </p>
      )}
    </div>
  );
}

/** Name and status, role, contact, what they serve: one row per member, its actions last. */
function MemberRow({ m, choices, onEdit, act }: { m: Member; choices: Choices; onEdit(): void; act(a: Action): void }) {
  const communities = m.communities.map((id) => choices.communities.find((c) => c.id === id)?.name ?? id).join(" · ");
  return (
    <tr data-staff={m.id} data-name={m.name}>
      <td class="who">
        {m.name}
        {!m.active ? (
          <Badge tone="muted">{tr("w.staff.inactive")}</Badge>
        ) : m.invited ? (
          <Badge tone="info">{tr("w.staff.invited")}</Badge>
        ) : (
          <Badge tone="ok">{tr("w.staff.active")}</Badge>
        )}
      </td>
      <td>{term("role", m.role)}</td>
      <td class="contact">
        {m.phone && <span>{m.phone}</span>}
        {m.email && <span>{m.email}</span>}
      </td>
      <td class="serves">
        {skillNames(choices, m.skills) || "—"}
        {communities && <small class="hint"> / {communities}</small>}
      </td>
      <td>
        <span class="row-actions">
          <button type="button" class="link" data-action="edit" onClick={onEdit}>
            {tr("w.staff.change")}
          </button>
          {m.active ? (
            <>
              <button type="button" class="link" onClick={() => act(m.invited ? "invite" : "reset-password")}>
                {m.invited ? tr("w.staff.invite") : tr("w.staff.reset")}
              </button>
              <button type="button" class="link danger" data-action="deactivate" onClick={() => act("deactivate")}>
                {tr("w.staff.deactivate")}
              </button>
            </>
          ) : (
            <button type="button" class="link" onClick={() => act("reactivate")}>
              {tr("w.staff.reactivate")}
            </button>
          )}
        </span>
      </td>
    </tr>
  );
}

type Action = "deactivate" | "reactivate" | "invite" | "reset-password";
const COLUMNS = ["name", "role", "contact", "serves"] as const;

/** 员工: the branch manager's staff list; add (with an invite link), change, deactivate, reactivate, re-invite, reset. */
export function StaffPage() {
  const q = useQuery("staff", () => answer(staffApi.console.staff.$get()));
  const places = useQuery(PLACES_KEY, loadPlaces);
  const settings = useQuery(SETTINGS_KEY, loadSettings, { staleMs: 30_000 });
  const choices: Choices = { skills: settings.data?.skills ?? [], communities: places.data?.communities ?? [] };
  const [notice, setNotice] = useState<{ name: string; link: SentLink } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<string | null>(null);
  async function act(m: Member, action: Action) {
    if (action === "deactivate" && !confirm(tr("w.staff.confirmDeactivate", { name: m.name }))) return;
    setError(null);
    try {
      const param = { param: { id: m.id } };
      const staff = staffApi.console.staff[":id"];
      if (action === "deactivate") await answer(staff.deactivate.$post(param));
      else if (action === "reactivate") await answer(staff.reactivate.$post(param));
      else {
        const { data } = await answer(action === "invite" ? staff.invite.$post(param) : staff["reset-password"].$post(param));
        setNotice({ name: m.name, link: data });
      }
      invalidate("staff");
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <div class="stack">
      <h1>{tr("w.staff.title")}</h1>
      {notice && <LinkNotice link={notice.link} name={notice.name} />}
      <ErrorBox error={error} />
      <Card>
        <Async q={q}>
          {(data) => (
            <div class="table-wrap">
              <table id="staff-list">
                <thead>
                  <tr>
                    {COLUMNS.map((c) => (
                      <th key={c}>{tr(`w.staff.${c}`)}</th>
                    ))}
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((m) => (
                    <Fragment key={m.id}>
                      <MemberRow m={m} choices={choices} onEdit={() => setEditing(m.id)} act={(a) => void act(m, a)} />
                      {editing === m.id && (
                        <tr class="edit-row">
                          <td colSpan={COLUMNS.length + 1}>
                            <StaffForm member={m} choices={choices} onDone={() => setEditing(null)} />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Async>
      </Card>
      <StaffForm
        choices={choices}
        onAdded={(name, link) => {
          setNotice({ name, link });
          invalidate("staff");
        }}
      />
    </div>
  );
}

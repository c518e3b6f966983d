import { useState } from "preact/hooks";
import { answer } from "../../lib/api.ts";
import { term, tr } from "../../lib/i18n.ts";
import { invalidate, useQuery } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { Async, Card } from "../../ui/kit.tsx";
import { type AccountCalls, type Column, MemberList, type Shown } from "../../ui/members.tsx";
import { skillNames } from "../dispatch.tsx";
import { loadPlaces, PLACES_KEY } from "../places/place-form.tsx";
import { loadSettings, SETTINGS_KEY } from "../settings/save.ts";
import { type Choices, type Member, StaffForm } from "./staff-form.tsx";

const staffAccount = staffApi.console.staff[":id"];
const CALLS: AccountCalls = {
  deactivate: (p) => answer(staffAccount.deactivate.$post(p)),
  reactivate: (p) => answer(staffAccount.reactivate.$post(p)),
  invite: (p) => answer(staffAccount.invite.$post(p)),
  reset: (p) => answer(staffAccount["reset-password"].$post(p)),
};

/** Name, role, contact, and what they serve (skills / communities). */
function columns(choices: Choices): Array<Column<Member>> {
  const communities = (m: Member) => m.communities.map((id) => choices.communities.find((c) => c.id === id)?.name ?? id).join(" · ");
  return [
    { head: "w.staff.name", cell: (m) => m.name },
    { head: "w.staff.role", cell: (m) => term("role", m.role) },
    {
      head: "w.staff.contact",
      class: "contact",
      cell: (m) => (
        <>
          {m.phone && <span>{m.phone}</span>}
          {m.email && <span>{m.email}</span>}
        </>
      ),
      wrap: true,
    },
    {
      head: "w.staff.serves",
      class: "serves",
      cell: (m) => (
        <>
          {skillNames(choices, m.skills) || "—"}
          {communities(m) && <small class="hint"> / {communities(m)}</small>}
        </>
      ),
      wrap: true,
    },
  ];
}

/** 员工: the branch manager's staff list; add (with an invite link), change, deactivate, reactivate, re-invite, reset. */
export function StaffPage() {
  const q = useQuery("staff", () => answer(staffApi.console.staff.$get()));
  const places = useQuery(PLACES_KEY, loadPlaces);
  const settings = useQuery(SETTINGS_KEY, loadSettings, { staleMs: 30_000 });
  const choices: Choices = { skills: settings.data?.skills ?? [], communities: places.data?.communities ?? [] };
  const [shown, setShown] = useState<Shown | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const refresh = () => invalidate("staff");
  return (
    <div class="stack">
      <h1>{tr("w.staff.title")}</h1>
      <Card>
        <Async q={q}>
          {(data) => (
            <MemberList
              id="staff-list"
              members={data.items}
              columns={columns(choices)}
              calls={CALLS}
              shown={shown}
              unsent="w.staff.noPhone"
              onShown={setShown}
              onChanged={refresh}
              more={(m) => (
                <button type="button" class="link" data-action="edit" onClick={() => setEditing(m.id)}>
                  {tr("w.staff.change")}
                </button>
              )}
              below={(m) => (editing === m.id ? <StaffForm member={m} choices={choices} onDone={() => setEditing(null)} /> : null)}
            />
          )}
        </Async>
      </Card>
      <StaffForm
        choices={choices}
        onAdded={(name, link) => {
          setShown({ name, link });
          refresh();
        }}
      />
    </div>
  );
}

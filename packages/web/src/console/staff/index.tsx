import { BRANCH_ROLES, type BranchRole } from "@wuye/core/auth";
import { StaffCreateInputSchema } from "@wuye/core/staff";
import { useState } from "preact/hooks";
import { answer, type Output } from "../../lib/api.ts";
import { oneOf } from "../../lib/form.ts";
import { term, tr } from "../../lib/i18n.ts";
import { invalidate, useQuery } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { Async, Card, ErrorBox, Select, TextField } from "../../ui/kit.tsx";
import { type AccountCalls, type Column, MemberFields, MemberList, type Shown, useAddMember } from "../../ui/members.tsx";

type StaffMember = Output<(typeof staffApi)["console"]["staff"]["$get"]>["items"][number];

const staffAccount = staffApi.console.staff[":id"];
const CALLS: AccountCalls = {
  deactivate: (p) => answer(staffAccount.deactivate.$post(p)),
  reactivate: (p) => answer(staffAccount.reactivate.$post(p)),
  invite: (p) => answer(staffAccount.invite.$post(p)),
  reset: (p) => answer(staffAccount["reset-password"].$post(p)),
};

const COLUMNS: Array<Column<StaffMember>> = [
  { head: "w.staff.name", cell: (m) => m.name },
  { head: "w.staff.role", cell: (m) => term("role", m.role) },
  { head: "w.staff.phone", cell: (m) => m.phone ?? "—" },
  { head: "w.staff.email", cell: (m) => m.email ?? "—", wrap: true },
];

function AddMember({ onAdded }: { onAdded(s: Shown): void }) {
  const [role, setRole] = useState<BranchRole>("agent");
  const [skills, setSkills] = useState("");
  const form = useAddMember(StaffCreateInputSchema, (json) => answer(staffApi.console.staff.$post({ json })), onAdded);
  async function submit(e: Event) {
    e.preventDefault();
    const list = skills.split(/[,,\s]+/).filter(Boolean);
    if (await form.submit({ role, ...(list.length ? { skills: list } : {}) })) setSkills("");
  }
  return (
    <form class="card" id="add-staff" onSubmit={submit}>
      <h2>{tr("w.staff.add")}</h2>
      <div class="grid2">
        <MemberFields prefix="staff" form={form} />
        <Select
          id="staff-role"
          label={tr("w.staff.role")}
          value={role}
          onValue={(v) => setRole(oneOf(BRANCH_ROLES, v, role))}
          options={BRANCH_ROLES.map((r) => ({ value: r, label: term("role", r) }))}
        />
        <TextField id="staff-skills" label={tr("w.staff.skills")} value={skills} onValue={setSkills} error={form.errors.skills} />
      </div>
      <ErrorBox error={form.errors["(body)"]} />
      <button type="submit" class="primary" disabled={form.busy}>
        {tr("w.staff.add")}
      </button>
    </form>
  );
}

/** 员工: the branch manager's staff list; add (with an invite link), deactivate, reactivate, re-invite, reset. */
export function StaffPage() {
  const q = useQuery("staff", () => answer(staffApi.console.staff.$get()));
  const [shown, setShown] = useState<Shown | null>(null);
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
              columns={COLUMNS}
              calls={CALLS}
              shown={shown}
              unsent="w.staff.noPhone"
              onShown={setShown}
              onChanged={refresh}
            />
          )}
        </Async>
      </Card>
      <AddMember
        onAdded={(s) => {
          setShown(s);
          refresh();
        }}
      />
    </div>
  );
}

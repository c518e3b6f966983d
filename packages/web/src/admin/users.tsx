import { OrgUserCreateInputSchema } from "@wuye/core/staff";
import { useState } from "preact/hooks";
import { answer } from "../lib/api.ts";
import { oneOf } from "../lib/form.ts";
import { term, tr } from "../lib/i18n.ts";
import { staffApi } from "../lib/session.ts";
import { Async, Card, ErrorBox, Select } from "../ui/kit.tsx";
import { type AccountCalls, type Column, MemberFields, MemberList, type Shown, useAddMember } from "../ui/members.tsx";
import { type BranchItem, type OrgUser, type RegionItem, refreshAdmin, useBranches, useOrgUsers, useRegions } from "./queries.ts";

/** The roles this screen adds; a branch's first manager is invited when the branch is set up. */
const ROLES = ["hqSupervisor", "regionSupervisor"] as const;
type UserRole = (typeof ROLES)[number];

const userAccount = staffApi.admin.users[":id"];
const CALLS: AccountCalls = {
  deactivate: (p) => answer(userAccount.deactivate.$post(p)),
  reactivate: (p) => answer(userAccount.reactivate.$post(p)),
  invite: (p) => answer(userAccount.invite.$post(p)),
  reset: (p) => answer(userAccount["reset-password"].$post(p)),
};

function columns(regions: RegionItem[], branches: BranchItem[]): Array<Column<OrgUser>> {
  const scope = (u: OrgUser) =>
    u.branchId
      ? (branches.find((b) => b.id === u.branchId)?.name ?? "—")
      : u.regionId
        ? (regions.find((r) => r.id === u.regionId)?.name ?? "—")
        : tr("w.users.headOffice");
  return [
    { head: "w.staff.name", cell: (u) => u.name },
    {
      head: "w.users.login",
      cell: (u) => (
        <>
          {u.phone && <div>{u.phone}</div>}
          {u.email && <div class={u.phone ? "hint" : undefined}>{u.email}</div>}
        </>
      ),
    },
    { head: "w.users.role", cell: (u) => term("role", u.role), wrap: true },
    { head: "w.users.scope", cell: scope },
  ];
}

function AddUser({ regions, onAdded }: { regions: RegionItem[]; onAdded(s: Shown): void }) {
  const [role, setRole] = useState<UserRole>("hqSupervisor");
  const [regionId, setRegionId] = useState("");
  const form = useAddMember(OrgUserCreateInputSchema, (json) => answer(staffApi.admin.users.$post({ json })), onAdded);
  async function submit(e: Event) {
    e.preventDefault();
    if (await form.submit({ role, ...(role === "regionSupervisor" && regionId ? { regionId } : {}) })) setRegionId("");
  }
  return (
    <Card title={tr("w.users.add")} id="add-user">
      <form class="form-grid" onSubmit={submit} noValidate>
        <MemberFields prefix="user" form={form} />
        <Select
          id="user-role"
          label={tr("w.users.role")}
          value={role}
          onValue={(v) => {
            setRole(oneOf(ROLES, v, role));
            form.set("regionId")("");
          }}
          options={ROLES.map((r) => ({ value: r, label: term("role", r) }))}
          error={form.errors.role}
        />
        {role === "regionSupervisor" && (
          <Select
            id="user-region"
            label={tr("w.users.region")}
            value={regionId}
            onValue={(v) => {
              setRegionId(v);
              form.set("regionId")(v);
            }}
            placeholder={tr("w.users.chooseRegion")}
            options={regions.map((r) => ({ value: r.id, label: r.name }))}
            hint={regions.length ? undefined : tr("w.users.noRegions")}
            error={form.errors.regionId}
          />
        )}
        <div class="form-actions">
          <button type="submit" disabled={form.busy}>
            {tr("w.users.addGo")}
          </button>
        </div>
      </form>
      <ErrorBox error={form.errors["(body)"]} />
    </Card>
  );
}

/** /admin/users: head-office and region users (and the branches' managers): add with an invite, and their accounts. */
export function UsersPage() {
  const users = useOrgUsers();
  const regions = useRegions();
  const branches = useBranches();
  const [shown, setShown] = useState<Shown | null>(null);
  return (
    <Async q={regions}>
      {(r) => (
        <div class="stack">
          <Card title={tr("w.users.title")} id="users">
            <p class="hint">{tr("w.users.hint")}</p>
            <Async q={users}>
              {(u) => (
                <MemberList
                  id="user-list"
                  members={u.items}
                  columns={columns(r.items, branches.data?.items ?? [])}
                  calls={CALLS}
                  shown={shown}
                  unsent="w.users.unsent"
                  onShown={setShown}
                  onChanged={refreshAdmin}
                />
              )}
            </Async>
          </Card>
          <AddUser
            regions={r.items}
            onAdded={(s) => {
              setShown(s);
              refreshAdmin();
            }}
          />
        </div>
      )}
    </Async>
  );
}

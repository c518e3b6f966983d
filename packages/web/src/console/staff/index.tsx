import { BRANCH_ROLES, type BranchRole } from "@wuye/core/auth";
import { StaffCreateInputSchema } from "@wuye/core/staff";
import { useState } from "preact/hooks";
import { answer, type Output } from "../../lib/api.ts";
import { errorText, oneOf, serverErrors, validate } from "../../lib/form.ts";
import { term, tr } from "../../lib/i18n.ts";
import { invalidate, useQuery } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { Async, Badge, Card, ErrorBox, Select, TextField } from "../../ui/kit.tsx";

type Member = Output<(typeof staffApi)["console"]["staff"]["$get"]>["items"][number];
type SentLink = { expiresAt: string; link?: string | undefined; sentTo: string[] };

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

function AddMember({ onAdded }: { onAdded(name: string, link: SentLink): void }) {
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<BranchRole>("agent");
  const [skills, setSkills] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(e: Event) {
    e.preventDefault();
    const body = {
      name,
      role,
      ...(phone.trim() ? { phone } : {}),
      ...(email.trim() ? { email } : {}),
      ...(skills.trim() ? { skills: skills.split(/[,,\s]+/).filter(Boolean) } : {}),
    };
    const v = validate(StaffCreateInputSchema, body);
    if (!v.ok) return setErrors(v.errors.phone && !phone && !email ? { ...v.errors, phone: tr("w.staff.needLogin") } : v.errors);
    try {
      const { data } = await answer(staffApi.console.staff.$post({ json: v.data }));
      setErrors({});
      setName("");
      setPhone("");
      setEmail("");
      setSkills("");
      onAdded(data.name, data.invite);
    } catch (err) {
      setErrors(serverErrors(err));
    }
  }
  return (
    <form class="card" id="add-staff" onSubmit={submit}>
      <h2>{tr("w.staff.add")}</h2>
      <div class="grid2">
        <TextField id="staff-name" label={tr("w.staff.name")} value={name} onValue={setName} error={errors.name} required />
        <Select
          id="staff-role"
          label={tr("w.staff.role")}
          value={role}
          onValue={(v) => setRole(oneOf(BRANCH_ROLES, v, role))}
          options={BRANCH_ROLES.map((r) => ({ value: r, label: term("role", r) }))}
        />
        <TextField id="staff-phone" label={tr("w.staff.phone")} inputMode="tel" value={phone} onValue={setPhone} error={errors.phone} />
        <TextField id="staff-email" label={tr("w.staff.email")} inputMode="email" value={email} onValue={setEmail} error={errors.email} />
        <TextField id="staff-skills" label={tr("w.staff.skills")} value={skills} onValue={setSkills} error={errors.skills} />
      </div>
      <ErrorBox error={errors["(body)"]} />
      <button type="submit" class="primary">
        {tr("w.staff.add")}
      </button>
    </form>
  );
}

/** 员工: the branch manager's staff list; add (with an invite link), deactivate, reactivate, re-invite, reset. */
export function StaffPage() {
  const q = useQuery("staff", () => answer(staffApi.console.staff.$get()));
  const [notice, setNotice] = useState<{ name: string; link: SentLink } | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function act(m: Member, action: "deactivate" | "reactivate" | "invite" | "reset-password") {
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
                    <th>{tr("w.staff.name")}</th>
                    <th>{tr("w.staff.role")}</th>
                    <th>{tr("w.staff.phone")}</th>
                    <th>{tr("w.staff.email")}</th>
                    <th>{tr("w.staff.status")}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((m) => (
                    <tr key={m.id} data-staff={m.id}>
                      <td>{m.name}</td>
                      <td>{term("role", m.role)}</td>
                      <td>{m.phone ?? "—"}</td>
                      <td>{m.email ?? "—"}</td>
                      <td>
                        {!m.active ? (
                          <Badge tone="muted">{tr("w.staff.inactive")}</Badge>
                        ) : m.invited ? (
                          <Badge tone="info">{tr("w.staff.invited")}</Badge>
                        ) : (
                          <Badge tone="ok">{tr("w.staff.active")}</Badge>
                        )}
                      </td>
                      <td class="row-actions">
                        {m.active ? (
                          <>
                            <button type="button" class="link" onClick={() => void act(m, m.invited ? "invite" : "reset-password")}>
                              {m.invited ? tr("w.staff.invite") : tr("w.staff.reset")}
                            </button>
                            <button type="button" class="link danger" data-action="deactivate" onClick={() => void act(m, "deactivate")}>
                              {tr("w.staff.deactivate")}
                            </button>
                          </>
                        ) : (
                          <button type="button" class="link" onClick={() => void act(m, "reactivate")}>
                            {tr("w.staff.reactivate")}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Async>
      </Card>
      <AddMember
        onAdded={(name, link) => {
          setNotice({ name, link });
          invalidate("staff");
        }}
      />
    </div>
  );
}

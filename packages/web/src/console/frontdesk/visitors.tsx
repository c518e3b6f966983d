import { can } from "@wuye/core/auth";
import { ID_TYPES, type IdType, isNightShift, VisitorInputSchema, visitorRegistrationAction } from "@wuye/core/frontdesk";
import { useState } from "preact/hooks";
import type { SettingsView } from "../../api/types.ts";
import { answer, refine } from "../../lib/api.ts";
import { type FieldErrors, oneOf, serverErrors, validate } from "../../lib/form.ts";
import { fmtDateTime, term, tr } from "../../lib/i18n.ts";
import { invalidate, useNow, useQuery } from "../../lib/query.ts";
import { staffApi, staffSession } from "../../lib/session.ts";
import { Async, Badge, Card, ErrorBox, Select, TextField } from "../../ui/kit.tsx";
import { ListTable, startOfToday, useAction, usePlaces } from "./shared.tsx";

type Visitor = Awaited<ReturnType<typeof listVisitors>>["data"]["items"][number];
const listVisitors = (query: { from?: string; onSite?: "true" }) =>
  answer(staffApi.console.visitors.$get({ query: { ...query, limit: "200" } }));

/** The night rule as the screen states it: hours, who registers then, and whether it is in force now. */
export function useNightRule() {
  const now = useNow(30_000);
  const places = usePlaces();
  const settings = useQuery("settings", () => answer(staffApi.console.settings.$get()).then(refine<SettingsView>()), { staleMs: 60_000 });
  const shift = settings.data?.nightShift;
  const zone = places.profile.data?.timeZone;
  if (!shift || !zone) return null;
  const role = staffSession()!.staff.role;
  return {
    shift,
    night: isNightShift(now, zone, shift),
    mayRegister: can(role, visitorRegistrationAction(now, zone, shift)),
  };
}

function NightRule() {
  const rule = useNightRule();
  if (!rule) return null;
  const cls = rule.mayRegister ? (rule.night ? "rule-banner night" : "rule-banner") : "rule-banner refused";
  return (
    <div class={cls} id="night-rule" data-night={String(rule.night)} data-may-register={String(rule.mayRegister)} role="note">
      <strong>{tr("w.fd.night.rule", rule.shift)}</strong>
      <div>{rule.night ? (rule.mayRegister ? tr("w.fd.night.nowYou") : tr("w.fd.night.nowNotYou")) : tr("w.fd.night.day")}</div>
    </div>
  );
}

/** 访客登记: a slip per visitor (ID checked and masked, host called), today's visitors and who is still inside. */
export function VisitorsPage() {
  const today = useQuery(`visitors:today:${startOfToday()}`, () => listVisitors({ from: startOfToday() }), { pollMs: 30_000 });
  const inside = useQuery("visitors:inside", () => listVisitors({ onSite: "true" }), { pollMs: 30_000 });
  return (
    <>
      <NightRule />
      <VisitorForm />
      <Card title={tr("w.fd.visitors.inside")} id="visitors-inside">
        <Async q={inside}>{(d) => <VisitorTable items={d.items} empty={tr("w.fd.visitors.noneInside")} />}</Async>
      </Card>
      <Card title={tr("w.fd.visitors.today")} id="visitors-today">
        <Async q={today}>{(d) => <VisitorTable items={d.items} empty={tr("w.fd.visitors.noneToday")} />}</Async>
      </Card>
    </>
  );
}

function VisitorTable({ items, empty }: { items: Visitor[]; empty: string }) {
  const { unitLabel } = usePlaces();
  const out = useAction();
  return (
    <>
      <ErrorBox error={out.error} />
      <ListTable
        items={items}
        heads={[
          "w.fd.visitors.name",
          "w.fd.visitors.id",
          "w.fd.visitors.host",
          "w.fd.visitors.called",
          "w.fd.visitors.in",
          "w.fd.visitors.out",
          "w.fd.visitors.by",
        ]}
        empty={empty}
        row={(v) => (
          <tr key={v.id} data-visitor={v.id}>
            <td>
              <a href={`/console/visitors/${v.id}`} data-open="visitor">
                {v.name}
              </a>
              {v.purpose && <div class="hint">{v.purpose}</div>}
            </td>
            <td>
              {tr(`w.fd.idType.${v.idType}`)} <span class="mono">{v.idNumber}</span>
            </td>
            <td>{unitLabel(v.hostUnitId)}</td>
            <td>
              {v.hostContacted ? (
                <Badge tone="ok">{tr("w.fd.visitors.calledYes")}</Badge>
              ) : (
                <Badge tone="warn">{tr("w.fd.visitors.calledNo")}</Badge>
              )}
            </td>
            <td>
              {fmtDateTime(v.inAt)} {v.night && <Badge tone="info">{tr("w.fd.visitors.night")}</Badge>}
            </td>
            <td>{v.outAt ? fmtDateTime(v.outAt) : <MarkOut id={v.id} act={out} />}</td>
            <td>{term("role", v.registeredRole)}</td>
          </tr>
        )}
      />
    </>
  );
}

/** The visitor has left: the time out goes on the slip (lists and the slip itself refresh). */
export function MarkOut({ id, act }: { id: string; act: ReturnType<typeof useAction> }) {
  return (
    <button
      type="button"
      class="small"
      data-action="out"
      disabled={act.busy}
      onClick={() =>
        void act.run(() => staffApi.console.visitors[":id"].out.$post({ param: { id }, json: {} })).then(() => invalidate("visitors:"))
      }
    >
      {tr("w.fd.visitors.markOut")}
    </button>
  );
}

function VisitorForm() {
  const { units } = usePlaces();
  const [name, setName] = useState("");
  const [idType, setIdType] = useState<IdType>("resident-id");
  const [idNumber, setIdNumber] = useState("");
  const [hostUnitId, setHostUnitId] = useState("");
  const [hostContacted, setHostContacted] = useState(false);
  const [purpose, setPurpose] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setDone(null);
    const body = { name, idType, idNumber, hostUnitId, hostContacted, ...(purpose.trim() ? { purpose } : {}) };
    const v = validate(VisitorInputSchema, body);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    setBusy(true);
    try {
      const { data } = await answer(staffApi.console.visitors.$post({ json: body }));
      setDone(tr("w.fd.visitors.registered", { name: data.name, id: data.idNumber }));
      setName("");
      setIdNumber("");
      setPurpose("");
      setHostContacted(false);
      invalidate("visitors:");
    } catch (err) {
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card" id="visitor-form" onSubmit={submit} noValidate aria-labelledby="visitor-form-title">
      <h2 id="visitor-form-title">{tr("w.fd.visitors.new")}</h2>
      <div class="row">
        <TextField id="visitor-name" label={tr("w.fd.visitors.name")} value={name} onValue={setName} error={errors.name} maxLength={40} />
        <Select
          id="visitor-host"
          label={tr("w.fd.visitors.host")}
          value={hostUnitId}
          onValue={setHostUnitId}
          placeholder={tr("w.form.choose")}
          error={errors.hostUnitId}
          options={units}
        />
      </div>
      <div class="row">
        <Select
          id="visitor-id-type"
          label={tr("w.fd.visitors.idType")}
          value={idType}
          onValue={(v) => setIdType(oneOf(ID_TYPES, v, idType))}
          options={ID_TYPES.map((t) => ({ value: t, label: tr(`w.fd.idType.${t}`) }))}
        />
        <TextField
          id="visitor-id-number"
          label={tr("w.fd.visitors.idNumber")}
          value={idNumber}
          onValue={setIdNumber}
          error={errors.idNumber}
          hint={tr("w.fd.visitors.idHint")}
          maxLength={20}
          autoComplete="off"
        />
      </div>
      <TextField
        id="visitor-purpose"
        label={`${tr("w.fd.visitors.purpose")} ${tr("w.optional")}`}
        value={purpose}
        onValue={setPurpose}
        error={errors.purpose}
        maxLength={200}
      />
      <label class="check">
        <input type="checkbox" id="visitor-called" checked={hostContacted} onChange={(e) => setHostContacted(e.currentTarget.checked)} />
        {tr("w.fd.visitors.calledLabel")}
      </label>
      <p class="hint">{tr("w.fd.visitors.noPhone")}</p>
      <ErrorBox error={errors["(body)"] ?? null} />
      {done && (
        <p class="success" role="status" id="visitor-done">
          {done}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {tr("w.fd.visitors.register")}
      </button>
    </form>
  );
}

import { type Channel, CHANNELS, REQUEST_KINDS, type RequestKind, StaffCreateRequestInputSchema } from "@wuye/core/request";
import { useState } from "preact/hooks";
import { answer, idempotencyKey } from "../lib/api.ts";
import { errorAt, type FieldErrors, oneOf, serverErrors, validate } from "../lib/form.ts";
import { currentLocale, term, tr } from "../lib/i18n.ts";
import { useProfile } from "../lib/profile.ts";
import { invalidate } from "../lib/query.ts";
import { navigate } from "../lib/router.ts";
import { staffApi, staffSession } from "../lib/session.ts";
import { Async, Badge, ErrorBox, Select } from "../ui/kit.tsx";
import { AreaField, CategorySelect, ContactFields, DescriptionField, UnitSelect } from "../ui/request-fields.tsx";

/** Recording a request taken by phone, walk-in or letter: the taker owns it (首问负责制). */
/** Channels staff record a request from (the portal is the residents' own). */
const STAFF_CHANNELS = CHANNELS.filter((c): c is StaffChannel => c !== "portal" && c !== "qr");
type StaffChannel = Exclude<Channel, "portal" | "qr">;

export function NewRequest() {
  const profile = useProfile(staffSession()?.staff.branch);
  const [channel, setChannel] = useState<StaffChannel>("phone");
  const [kind, setKind] = useState<RequestKind>("repair");
  const [category, setCategory] = useState("");
  const [description, setDescription] = useState("");
  const [unitId, setUnitId] = useState("");
  const [area, setArea] = useState("");
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [idem] = useState(idempotencyKey);
  /** Recorded, but the caller's tracking link was held by an SMS limit: the taker reads the code out instead. */
  const [held, setHeld] = useState<{ id: string; code: string; reason: string } | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    const body = {
      channel,
      kind,
      ...(category ? { category } : {}),
      description,
      contact: { name, phone },
      location: unitId ? { unitId } : { area },
      locale: currentLocale(),
    };
    const v = validate(StaffCreateRequestInputSchema, body);
    if (!v.ok) {
      setErrors(unitId || area.trim() ? v.errors : { ...v.errors, location: tr("w.form.required") });
      return;
    }
    setBusy(true);
    try {
      const { data } = await answer(staffApi.console.requests.$post({ header: { "idempotency-key": idem }, json: body }));
      invalidate("register:");
      const sms = data.trackingSms;
      if (sms?.status === "held") {
        setHeld({ id: data.id, code: data.trackingCode, reason: tr(`sms.held.${sms.reason}`, { limit: sms.limit }) });
        return;
      }
      navigate(`/console/r/${data.id}`);
    } catch (err) {
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const err = (p: string) => errorAt(errors, p);
  if (held)
    return (
      <section class="card" id="sms-held" aria-labelledby="held-title">
        <h2 id="held-title">{tr("w.sms.recorded")}</h2>
        <div class="notice-box" role="status">
          <p>
            <Badge tone="warn">{tr("w.manager.delivery.held")}</Badge> {tr("w.sms.notSent", { reason: held.reason })}
          </p>
          <p>{tr("w.sms.tellCaller")}</p>
          <p class="code">{held.code}</p>
        </div>
        <button type="button" class="primary" id="open-held" onClick={() => navigate(`/console/r/${held.id}`)}>
          {tr("w.sms.open")}
        </button>
      </section>
    );

  return (
    <Async q={profile}>
      {(p) => (
        <form class="card" onSubmit={submit} noValidate aria-labelledby="new-title" id="new-request">
          <h2 id="new-title">{tr("w.console.nav.new")}</h2>
          <div class="row">
            <Select
              id="channel"
              label={tr("w.new.channel")}
              value={channel}
              onValue={(v) => setChannel(oneOf(STAFF_CHANNELS, v, channel))}
              options={STAFF_CHANNELS.map((c) => ({ value: c, label: term("channel", c) }))}
            />
            <Select
              id="kind"
              label={tr("w.reg.kind")}
              value={kind}
              onValue={(v) => {
                setKind(v as RequestKind);
                setCategory("");
              }}
              options={REQUEST_KINDS.map((k) => ({ value: k, label: term("kind", k) }))}
            />
          </div>
          <CategorySelect
            categories={p.categories.filter((c) => c.kind === kind)}
            value={category}
            onValue={setCategory}
            error={err("category")}
          />
          <DescriptionField value={description} onValue={setDescription} error={err("description")} rows={3} />
          <div class="row">
            <UnitSelect
              units={p.communities.flatMap((c) => c.units.map((u) => ({ id: u.id, label: `${c.name} ${u.label}` })))}
              value={unitId}
              onValue={setUnitId}
              placeholder={tr("w.new.noUnit")}
              error={err("location")}
            />
            {!unitId && <AreaField value={area} onValue={setArea} />}
          </div>
          <div class="row">
            <ContactFields name={name} phone={phone} onName={setName} onPhone={setPhone} error={err} />
          </div>
          <ErrorBox error={errors["(body)"] ?? null} />
          <button type="submit" class="primary" disabled={busy}>
            {tr("w.new.create")}
          </button>
        </form>
      )}
    </Async>
  );
}

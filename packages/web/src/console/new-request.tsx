import { type Channel, CHANNELS, REQUEST_KINDS, type RequestKind, StaffCreateRequestInputSchema } from "@wuye/core/request";
import { useState } from "preact/hooks";
import { answer, idempotencyKey } from "../lib/api.ts";
import { errorAt, type FieldErrors, oneOf, serverErrors, validate } from "../lib/form.ts";
import { currentLocale, term, tr } from "../lib/i18n.ts";
import { useProfile } from "../lib/profile.ts";
import { invalidate } from "../lib/query.ts";
import { navigate } from "../lib/router.ts";
import { staffApi, staffSession } from "../lib/session.ts";
import { CategorySelect, ContactFields } from "../ui/request-fields.tsx";
import { Async, ErrorBox, Select, TextArea, TextField } from "../ui/kit.tsx";

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
      navigate(`/console/r/${data.id}`);
    } catch (err) {
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const err = (p: string) => errorAt(errors, p);

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
          <TextArea
            id="description"
            label={tr("w.form.description")}
            value={description}
            onValue={setDescription}
            error={err("description")}
            rows={3}
            maxLength={2000}
          />
          <div class="row">
            <Select
              id="unit"
              label={tr("w.form.unit")}
              value={unitId}
              onValue={setUnitId}
              placeholder={tr("w.new.noUnit")}
              error={err("location")}
              options={p.communities.flatMap((c) => c.units.map((u) => ({ value: u.id, label: `${c.name} ${u.label}` })))}
            />
            {!unitId && <TextField id="area" label={tr("w.form.area")} value={area} onValue={setArea} maxLength={100} />}
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

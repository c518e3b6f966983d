import { can } from "@wuye/core/auth";
import { ContactChangeInputSchema, ID_TYPES, type IdType } from "@wuye/core/frontdesk";
import { useState } from "preact/hooks";
import { answer } from "../../lib/api.ts";
import { type FieldErrors, oneOf, serverErrors, validate } from "../../lib/form.ts";
import { fmtDateTime, term, tr } from "../../lib/i18n.ts";
import { invalidate, useQuery } from "../../lib/query.ts";
import { navigate } from "../../lib/router.ts";
import { staffApi, staffSession } from "../../lib/session.ts";
import { Async, Badge, Card, ErrorBox, Select, TextField } from "../../ui/kit.tsx";
import { Empty, ListTable, useAction, usePlaces } from "./shared.tsx";

const CHANNELS = ["inbox", "sms", "email"] as const;
const isChannel = (c: string): c is (typeof CHANNELS)[number] => (CHANNELS as readonly string[]).includes(c);
type Record = Awaited<ReturnType<typeof readRecord>>["data"];
const readRecord = (id: string) => answer(staffApi.console.residents[":id"].$get({ param: { id } }));

/** 业主档案: search by name, phone or unit; phones masked in the list; every look is audited. */
export function ResidentsPage() {
  const [q, setQ] = useState("");
  const [asked, setAsked] = useState("");
  const { unitLabel } = usePlaces();
  const list = useQuery(`residents:${asked}`, () =>
    answer(staffApi.console.residents.$get({ query: { limit: "50", ...(asked ? { q: asked } : {}) } })),
  );
  return (
    <Card title={tr("w.fd.residents.title")} id="residents">
      <p class="hint">{tr("w.fd.residents.audited")}</p>
      <form
        class="inline"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(q.trim());
        }}
      >
        <input
          id="resident-search"
          type="search"
          aria-label={tr("w.fd.residents.search")}
          placeholder={tr("w.fd.residents.search")}
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
        <button type="submit" class="primary">
          {tr("w.fd.search")}
        </button>
      </form>
      <Async q={list}>
        {(d) => (
          <ListTable
            items={d.items}
            heads={["w.form.name", "w.form.phone", "w.form.unit", "w.fd.residents.verified"]}
            empty={tr("w.fd.residents.none")}
            row={(r) => (
              <tr key={r.id} class="clickable" data-resident={r.id} onClick={() => navigate(`/console/residents/${r.id}`)}>
                <td>
                  <a href={`/console/residents/${r.id}`}>{r.name || tr("w.fd.residents.noName")}</a>
                </td>
                <td class="mono">{r.phone}</td>
                <td>{unitLabel(r.unitId)}</td>
                <td>
                  {r.verified ? (
                    <Badge tone="ok">{tr("w.fd.residents.verifiedYes")}</Badge>
                  ) : (
                    <Badge tone="muted">{tr("w.fd.residents.verifiedNo")}</Badge>
                  )}
                </td>
              </tr>
            )}
          />
        )}
      </Async>
    </Card>
  );
}

/** One record in full: the read is on record in the audit log before it is shown. */
export function ResidentRecordPage({ id }: { id: string }) {
  const q = useQuery(`resident:${id}`, () => readRecord(id), { staleMs: 60_000 });
  const { unitLabel } = usePlaces();
  return (
    <Async q={q}>
      {(r) => (
        <>
          <Card title={r.name || tr("w.fd.residents.noName")} id="resident-record">
            <p class="hint" role="note">
              {tr("w.fd.residents.readAudited")}
            </p>
            <dl class="kv">
              <dt>{tr("w.form.phone")}</dt>
              <dd id="resident-phone">{r.phone}</dd>
              <dt>{tr("w.fd.residents.email")}</dt>
              <dd>{r.email ?? "—"}</dd>
              <dt>{tr("w.form.unit")}</dt>
              <dd id="resident-unit">{unitLabel(r.unitId)}</dd>
              <dt>{tr("w.fd.residents.channels")}</dt>
              <dd>{r.channels.map((c) => (isChannel(c) ? tr(`w.fd.my.channel.${c}`) : c)).join("、") || "—"}</dd>
              <dt>{tr("w.fd.residents.verified")}</dt>
              <dd>{r.verifiedAt ? fmtDateTime(r.verifiedAt) : tr("w.fd.residents.verifiedNo")}</dd>
            </dl>
          </Card>
          <Card title={tr("w.fd.residents.requests")} id="resident-requests">
            {r.requests.length ? (
              <ul class="plain list">
                {r.requests.map((x) => (
                  <li key={x.id}>
                    <a href={`/console/r/${x.id}`}>
                      {x.trackingCode} · {term("kind", x.kind)}
                    </a>{" "}
                    <Badge tone="muted">{term("state", x.status)}</Badge> <span class="hint">{fmtDateTime(x.createdAt)}</span>
                    <div class="hint">{x.description}</div>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{tr("w.my.none")}</Empty>
            )}
          </Card>
          {can(staffSession()!.staff.role, "request.readResident") && <ContactChange r={r} />}
        </>
      )}
    </Async>
  );
}

/** A change of phone or email only after verification: a code to the OLD phone, or the ID checked at the desk. */
function ContactChange({ r }: { r: Record }) {
  const [method, setMethod] = useState<"otp" | "id-check">("otp");
  const [newPhone, setNewPhone] = useState("");
  const [newEmail, setNewEmail] = useState("");
  const [idType, setIdType] = useState<IdType>("resident-id");
  const [idLast4, setIdLast4] = useState("");
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState(false);
  const confirm = useAction();
  async function start(e: Event) {
    e.preventDefault();
    setDone(false);
    const contact = {
      ...(newPhone.trim() ? { newPhone: newPhone.trim() } : {}),
      ...(newEmail.trim() ? { newEmail: newEmail.trim() } : {}),
    };
    const body = method === "otp" ? { method, ...contact } : { method, ...contact, idType, idLast4, reason };
    const v = validate(ContactChangeInputSchema, body);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    try {
      const { data } = await answer(staffApi.console.residents[":id"]["contact-changes"].$post({ param: { id: r.id }, json: v.data }));
      if (data.status === "pending") setPending(data.id);
      else finish();
    } catch (err) {
      setErrors(serverErrors(err));
    }
  }
  function finish() {
    setPending(null);
    setCode("");
    setNewPhone("");
    setNewEmail("");
    setDone(true);
    invalidate(`resident:${r.id}`);
  }
  return (
    <form class="card" id="contact-change" onSubmit={start} noValidate aria-labelledby="contact-change-title">
      <h2 id="contact-change-title">{tr("w.fd.residents.change")}</h2>
      <p class="hint">{tr("w.fd.residents.changeWhy")}</p>
      <div class="chips" role="group" aria-label={tr("w.fd.residents.method")}>
        {(["otp", "id-check"] as const).map((m) => (
          <button key={m} type="button" aria-pressed={method === m} data-method={m} onClick={() => setMethod(m)}>
            {tr(`w.fd.residents.method.${m}`)}
          </button>
        ))}
      </div>
      <div class="row">
        <TextField
          id="new-phone"
          label={`${tr("w.fd.residents.newPhone")} ${tr("w.optional")}`}
          type="tel"
          value={newPhone}
          onValue={setNewPhone}
          error={errors.newPhone}
        />
        <TextField
          id="new-email"
          label={`${tr("w.fd.residents.newEmail")} ${tr("w.optional")}`}
          type="email"
          value={newEmail}
          onValue={setNewEmail}
          error={errors.newEmail}
        />
      </div>
      {method === "id-check" && (
        <>
          <div class="row">
            <Select
              id="change-id-type"
              label={tr("w.fd.visitors.idType")}
              value={idType}
              onValue={(v) => setIdType(oneOf(ID_TYPES, v, idType))}
              options={ID_TYPES.map((t) => ({ value: t, label: tr(`w.fd.idType.${t}`) }))}
            />
            <TextField
              id="change-id-last4"
              label={tr("w.fd.residents.idLast4")}
              value={idLast4}
              onValue={setIdLast4}
              error={errors.idLast4}
              maxLength={4}
            />
          </div>
          <TextField
            id="change-reason"
            label={tr("w.fd.residents.reason")}
            value={reason}
            onValue={setReason}
            error={errors.reason}
            maxLength={500}
          />
        </>
      )}
      <ErrorBox error={errors["(body)"] ?? null} />
      {!pending && (
        <button type="submit" class="primary">
          {method === "otp" ? tr("w.fd.residents.sendCode") : tr("w.fd.residents.applyChecked")}
        </button>
      )}
      {pending && (
        <div id="change-pending">
          <p role="status">{tr("w.fd.residents.codeSent")}</p>
          <div class="inline">
            <input
              id="change-code"
              inputMode="numeric"
              maxLength={6}
              aria-label={tr("web.verify.code")}
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
            <button
              type="button"
              class="primary"
              id="change-confirm"
              disabled={confirm.busy}
              onClick={() =>
                void confirm
                  .run(() =>
                    staffApi.console.residents[":id"]["contact-changes"][":changeId"].confirm.$post({
                      param: { id: r.id, changeId: pending },
                      json: { code },
                    }),
                  )
                  .then((ok) => ok && finish())
              }
            >
              {tr("w.fd.residents.confirm")}
            </button>
          </div>
          <ErrorBox error={confirm.error} />
        </div>
      )}
      {done && (
        <p class="success" role="status" id="change-done">
          {tr("w.fd.residents.changed")}
        </p>
      )}
    </form>
  );
}

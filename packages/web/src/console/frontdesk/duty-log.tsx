import { DUTY_LOG_KINDS, DutyLogInputSchema } from "@wuye/core/frontdesk";
import { useState } from "preact/hooks";
import { answer } from "../../lib/api.ts";
import { type FieldErrors, serverErrors, validate } from "../../lib/form.ts";
import { fmtDateTime, term, tr } from "../../lib/i18n.ts";
import { invalidate, useQuery } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { Async, Badge, Card, ErrorBox, Select, TextArea, TextField } from "../../ui/kit.tsx";
import { useColleagues } from "../ownership/colleagues.ts";
import { isoOf, ListTable } from "./shared.tsx";

type Kind = (typeof DUTY_LOG_KINDS)[number];

/** 岗位记事本: anything abnormal and how it was handled, by time and category, searchable; entries are never changed. */
export function DutyLogPage() {
  const [q, setQ] = useState("");
  const [kind, setKind] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const query = {
    limit: "200",
    ...(q.trim() ? { q: q.trim() } : {}),
    ...(kind ? { kind: kind as Kind } : {}),
    ...(from ? { from: isoOf(from)! } : {}),
    ...(to ? { to: isoOf(to)! } : {}),
  };
  const list = useQuery(`duty-log:${JSON.stringify(query)}`, () => answer(staffApi.console["duty-log"].$get({ query })), {
    pollMs: 30_000,
  });
  const { nameOf } = useColleagues();
  return (
    <>
      <EntryForm />
      <Card title={tr("w.fd.duty.list")} id="duty-log">
        <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <TextField
            id="duty-search"
            label={tr("w.fd.duty.search")}
            type="search"
            value={q}
            onValue={setQ}
            placeholder={tr("w.fd.duty.searchHint")}
          />
          <Select
            id="duty-kind-filter"
            label={tr("w.fd.duty.kind")}
            value={kind}
            onValue={setKind}
            placeholder={tr("w.fd.all")}
            options={DUTY_LOG_KINDS.map((k) => ({ value: k, label: tr(`w.fd.duty.kind.${k}`) }))}
          />
          <TextField id="duty-from" label={tr("w.form.from")} type="datetime-local" value={from} onValue={setFrom} />
          <TextField id="duty-to" label={tr("w.form.to")} type="datetime-local" value={to} onValue={setTo} />
        </form>
        <Async q={list}>
          {(d) => (
            <ListTable
              items={d.items}
              heads={["w.fd.duty.at", "w.fd.duty.kind", "w.fd.duty.what", "w.fd.duty.handled", "w.fd.duty.by"]}
              empty={tr("w.fd.duty.none")}
              row={(e) => (
                <tr key={e.id} data-entry={e.id}>
                  <td>{fmtDateTime(e.at)}</td>
                  <td>
                    <Badge tone={e.kind === "abnormal" || e.kind === "safety" ? "warn" : "muted"}>
                      {tr(`w.fd.duty.kind.${e.kind as Kind}`)}
                    </Badge>
                  </td>
                  <td class="pre">{e.what}</td>
                  <td class="pre">{e.handled}</td>
                  <td>{e.by ? nameOf(e.by) : term("role", e.byRole)}</td>
                </tr>
              )}
            />
          )}
        </Async>
      </Card>
    </>
  );
}

function EntryForm() {
  const [kind, setKind] = useState<Kind>("abnormal");
  const [what, setWhat] = useState("");
  const [handled, setHandled] = useState("");
  const [at, setAt] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    const body = { kind, what, handled, ...(at ? { at: isoOf(at)! } : {}) };
    const v = validate(DutyLogInputSchema, body);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    setBusy(true);
    try {
      await staffApi.console["duty-log"].$post({ json: body });
      setWhat("");
      setHandled("");
      setAt("");
      invalidate("duty-log:");
    } catch (err) {
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card" id="duty-form" onSubmit={submit} noValidate aria-labelledby="duty-form-title">
      <h2 id="duty-form-title">{tr("w.fd.duty.new")}</h2>
      <div class="row">
        <Select
          id="duty-kind"
          label={tr("w.fd.duty.kind")}
          value={kind}
          onValue={(v) => setKind(DUTY_LOG_KINDS.find((k) => k === v) ?? kind)}
          options={DUTY_LOG_KINDS.map((k) => ({ value: k, label: tr(`w.fd.duty.kind.${k}`) }))}
        />
        <TextField
          id="duty-at"
          label={`${tr("w.fd.duty.at")} ${tr("w.optional")}`}
          type="datetime-local"
          value={at}
          onValue={setAt}
          error={errors.at}
          hint={tr("w.fd.duty.atHint")}
        />
      </div>
      <TextArea id="duty-what" label={tr("w.fd.duty.what")} value={what} onValue={setWhat} error={errors.what} rows={2} maxLength={1000} />
      <TextArea
        id="duty-handled"
        label={tr("w.fd.duty.handled")}
        value={handled}
        onValue={setHandled}
        error={errors.handled}
        rows={2}
        maxLength={1000}
      />
      <ErrorBox error={errors["(body)"] ?? null} />
      <button type="submit" class="primary" disabled={busy}>
        {tr("w.fd.duty.save")}
      </button>
    </form>
  );
}

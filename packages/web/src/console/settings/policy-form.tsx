import { type DeadlinePolicy, type MilestoneRule, TRIGGERS } from "@wuye/core/deadline";
import { MILESTONE_NAMES, REQUEST_KINDS } from "@wuye/core/request";
import { useState } from "preact/hooks";
import type { PolicyView } from "../../api/types.ts";
import { term, tr } from "../../lib/i18n.ts";
import { ErrorBox, Options } from "../../ui/kit.tsx";
import { NumberFields } from "./number-fields.tsx";
import { policyInput, usePolicySave } from "./policy-save.ts";
import { intOf } from "./save.ts";

/** A share (0.8) as the percent people type ("80"), and back. */
const pctText = (share: number | undefined) => (share === undefined ? "" : String(Math.round(share * 100)));
const shareOf = (text: string) => (text.trim() === "" ? undefined : Number(text) / 100);

/** One choice of a rule row, labelled for screen readers (the column head labels it on screen). */
function SelectCell(p: { label: string; value: string; options: Array<{ value: string; label: string }>; onValue(v: string): void }) {
  return (
    <td>
      <select aria-label={p.label} value={p.value} onChange={(e) => p.onValue(e.currentTarget.value)}>
        <Options options={p.options} />
      </select>
    </td>
  );
}

/** A whole number of a rule row; `field` names it for the journeys (`data-field`). */
function NumberCell(p: {
  label: string;
  value: string;
  onValue(v: string): void;
  field?: string;
  max?: number;
  placeholder?: string;
  error?: string | undefined;
}) {
  return (
    <td class="num">
      <input
        type="number"
        inputMode="numeric"
        min={0}
        max={p.max}
        class="narrow"
        aria-label={p.label}
        data-field={p.field}
        placeholder={p.placeholder}
        value={p.value}
        aria-invalid={p.error ? "true" : undefined}
        onInput={(e) => p.onValue(e.currentTarget.value)}
      />
      {p.error && <small class="error">{p.error}</small>}
    </td>
  );
}

const ESCALATION_STEPS = ["supervisor", "manager", "region", "hq"] as const;

/**
 * The deadline policy as a form: per rule (milestone × kinds × urgency) its duration, calendar, warning share and
 * lead; the policy's default warning and the escalation ladder (minutes after the breach for each step).
 */
export function PolicyForm({ view, onSaved }: { view: PolicyView; onSaved(message: string, stale?: boolean): void }) {
  const policy = view.policy as DeadlinePolicy;
  const [rules, setRules] = useState<MilestoneRule[]>(() => policy.rules.map((r) => ({ ...r })));
  const [warnAt, setWarnAt] = useState(pctText(policy.warnAtShare));
  const [lead, setLead] = useState(String(policy.warnLeadMinutes));
  const [shortLead, setShortLead] = useState(String(policy.shortWarnLeadMinutes));
  const [ladder, setLadder] = useState(() => ESCALATION_STEPS.map((_, i) => String(policy.escalationDelaysMinutes[i] ?? "")));
  const { form, errors, busy, save } = usePolicySave(view.version, onSaved);
  const calendars = Object.keys(policy.calendars);
  const urgencies = [
    { value: "", label: tr("w.manager.any") },
    { value: "urgent", label: term("urgency", "urgent") },
    { value: "normal", label: term("urgency", "normal") },
  ];
  const update = (i: number, patch: Partial<MilestoneRule>) => setRules((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  function submit(e: Event) {
    e.preventDefault();
    // The ladder stops at its first empty step: later steps cannot come without the earlier ones.
    const filled = ladder.findIndex((v) => v.trim() === "");
    void save({
      ...policyInput(policy),
      rules,
      warnAtShare: shareOf(warnAt),
      warnLeadMinutes: intOf(lead),
      shortWarnLeadMinutes: intOf(shortLead),
      escalationDelaysMinutes: (filled < 0 ? ladder : ladder.slice(0, filled)).map((v) => intOf(v)),
    });
  }
  function addRule() {
    setRules((rs) => [
      ...rs,
      { milestone: "reply", kinds: ["inquiry"], trigger: "created", durationMinutes: 60, calendar: calendars[0] ?? "duty" },
    ]);
  }

  return (
    <form ref={form} id="policy-form" onSubmit={submit} noValidate>
      <div class="table-wrap">
        <table class="edit-table" id="policy-rules">
          <thead>
            <tr>
              <th scope="col">{tr("w.manager.milestone")}</th>
              <th scope="col">{tr("w.manager.kinds")}</th>
              <th scope="col">{tr("w.manager.urgency")}</th>
              <th scope="col">{tr("w.manager.trigger")}</th>
              <th scope="col" class="num">
                {tr("w.manager.minutes")}
              </th>
              <th scope="col">{tr("w.manager.calendar")}</th>
              <th scope="col" class="num">
                {tr("w.manager.warnAt")}
              </th>
              <th scope="col" class="num">
                {tr("w.manager.lead")}
              </th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {rules.map((r, i) => (
              <tr key={i} data-rule={`${r.milestone}:${r.kinds.join("+")}:${r.urgency ?? ""}`}>
                <SelectCell
                  label={tr("w.manager.milestone")}
                  value={r.milestone}
                  options={MILESTONE_NAMES.map((m) => ({ value: m, label: term("milestone", m) }))}
                  onValue={(v) => update(i, { milestone: v as MilestoneRule["milestone"] })}
                />
                <td>
                  <select
                    multiple
                    size={3}
                    aria-label={tr("w.manager.kinds")}
                    aria-invalid={errors[`rules.${i}.kinds`] ? "true" : undefined}
                    onChange={(e) =>
                      update(i, { kinds: [...e.currentTarget.selectedOptions].map((o) => o.value) as MilestoneRule["kinds"] })
                    }
                  >
                    {REQUEST_KINDS.map((k) => (
                      <option key={k} value={k} selected={r.kinds.includes(k)}>
                        {term("kind", k)}
                      </option>
                    ))}
                  </select>
                </td>
                <SelectCell
                  label={tr("w.manager.urgency")}
                  value={r.urgency ?? ""}
                  options={urgencies}
                  onValue={(v) => update(i, { urgency: v === "urgent" || v === "normal" ? v : undefined })}
                />
                <SelectCell
                  label={tr("w.manager.trigger")}
                  value={r.trigger}
                  options={TRIGGERS.map((t) => ({ value: t, label: tr(`w.manager.trigger.${t}`) }))}
                  onValue={(v) => update(i, { trigger: v as MilestoneRule["trigger"] })}
                />
                <NumberCell
                  label={`${term("milestone", r.milestone)} ${tr("w.manager.minutes")}`}
                  field="duration"
                  value={String(r.durationMinutes)}
                  error={errors[`rules.${i}.durationMinutes`]}
                  onValue={(v) => update(i, { durationMinutes: intOf(v) as number })}
                />
                <SelectCell
                  label={tr("w.manager.calendar")}
                  value={r.calendar}
                  options={calendars.map((c) => ({ value: c, label: c }))}
                  onValue={(v) => update(i, { calendar: v })}
                />
                <NumberCell
                  label={tr("w.manager.warnAt")}
                  max={100}
                  placeholder={pctText(policy.warnAtShare)}
                  value={pctText(r.warnAtShare)}
                  onValue={(v) => update(i, { warnAtShare: shareOf(v) })}
                />
                <NumberCell
                  label={tr("w.manager.lead")}
                  placeholder={lead}
                  value={r.warnLeadMinutes === undefined ? "" : String(r.warnLeadMinutes)}
                  onValue={(v) => update(i, { warnLeadMinutes: intOf(v) })}
                />
                <td>
                  <button type="button" class="link" onClick={() => setRules((rs) => rs.filter((_, k) => k !== i))}>
                    {tr("w.manager.remove")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" class="secondary small" onClick={addRule}>
        {tr("w.manager.addRule")}
      </button>
      <div class="row">
        <NumberFields
          fields={[
            {
              id: "warn-at",
              label: tr("w.manager.defaultWarnAt"),
              min: 0,
              max: 100,
              value: warnAt,
              onValue: setWarnAt,
              error: errors.warnAtShare,
            },
            { id: "warn-lead", label: tr("w.manager.defaultLead"), min: 0, value: lead, onValue: setLead, error: errors.warnLeadMinutes },
            {
              id: "short-lead",
              label: tr("w.manager.shortLead"),
              min: 0,
              value: shortLead,
              onValue: setShortLead,
              error: errors.shortWarnLeadMinutes,
            },
          ]}
        />
      </div>
      <fieldset id="escalation-ladder">
        <legend>{tr("w.manager.ladder")}</legend>
        <div class="row">
          <NumberFields
            fields={ESCALATION_STEPS.map((step, i) => ({
              id: `ladder-${step}`,
              label: tr(`w.manager.ladder.${step}`),
              min: 0,
              value: ladder[i]!,
              onValue: (v: string) => setLadder((l) => l.map((x, k) => (k === i ? v : x))),
              error: errors[`escalationDelaysMinutes.${i}`],
            }))}
          />
        </div>
        <p class="hint">{tr("w.manager.ladderHint")}</p>
      </fieldset>
      <ErrorBox error={errors["(body)"] ?? errors.rules ?? null} />
      <button type="submit" class="primary" disabled={busy} id="policy-save">
        {busy ? tr("w.settings.saving") : tr("w.manager.savePolicy")}
      </button>
    </form>
  );
}

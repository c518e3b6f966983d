import { type DeadlinePolicy, type MilestoneRule, TRIGGERS } from "@wuye/core/deadline";
import { MILESTONE_NAMES, REQUEST_KINDS } from "@wuye/core/request";
import { useState } from "preact/hooks";
import type { PolicyView } from "../../api/types.ts";
import { term, tr } from "../../lib/i18n.ts";
import { ErrorBox, TextField } from "../../ui/kit.tsx";
import { policyInput, usePolicySave } from "./policy-save.ts";
import { intOf } from "./save.ts";

/** A share (0.8) as the percent people type ("80"), and back. */
const pctText = (share: number | undefined) => (share === undefined ? "" : String(Math.round(share * 100)));
const shareOf = (text: string) => (text.trim() === "" ? undefined : Number(text) / 100);

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
                <td>
                  <select
                    aria-label={tr("w.manager.milestone")}
                    value={r.milestone}
                    onChange={(e) => update(i, { milestone: e.currentTarget.value as MilestoneRule["milestone"] })}
                  >
                    {MILESTONE_NAMES.map((m) => (
                      <option key={m} value={m}>
                        {term("milestone", m)}
                      </option>
                    ))}
                  </select>
                </td>
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
                <td>
                  <select
                    aria-label={tr("w.manager.urgency")}
                    value={r.urgency ?? ""}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      update(i, { urgency: v === "urgent" || v === "normal" ? v : undefined });
                    }}
                  >
                    <option value="">{tr("w.manager.any")}</option>
                    <option value="urgent">{term("urgency", "urgent")}</option>
                    <option value="normal">{term("urgency", "normal")}</option>
                  </select>
                </td>
                <td>
                  <select
                    aria-label={tr("w.manager.trigger")}
                    value={r.trigger}
                    onChange={(e) => update(i, { trigger: e.currentTarget.value as MilestoneRule["trigger"] })}
                  >
                    {TRIGGERS.map((t) => (
                      <option key={t} value={t}>
                        {tr(`w.manager.trigger.${t}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td class="num">
                  <input
                    type="number"
                    inputMode="numeric"
                    min={0}
                    class="narrow"
                    aria-label={`${term("milestone", r.milestone)} ${tr("w.manager.minutes")}`}
                    data-field="duration"
                    value={String(r.durationMinutes)}
                    aria-invalid={errors[`rules.${i}.durationMinutes`] ? "true" : undefined}
                    onInput={(e) => update(i, { durationMinutes: intOf(e.currentTarget.value) as number })}
                  />
                  {errors[`rules.${i}.durationMinutes`] && <small class="error">{errors[`rules.${i}.durationMinutes`]}</small>}
                </td>
                <td>
                  <select
                    aria-label={tr("w.manager.calendar")}
                    value={r.calendar}
                    onChange={(e) => update(i, { calendar: e.currentTarget.value })}
                  >
                    {calendars.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </td>
                <td class="num">
                  <input
                    type="number"
                    class="narrow"
                    min={0}
                    max={100}
                    placeholder={pctText(policy.warnAtShare)}
                    aria-label={tr("w.manager.warnAt")}
                    value={pctText(r.warnAtShare)}
                    onInput={(e) => update(i, { warnAtShare: shareOf(e.currentTarget.value) })}
                  />
                </td>
                <td class="num">
                  <input
                    type="number"
                    class="narrow"
                    min={0}
                    placeholder={lead}
                    aria-label={tr("w.manager.lead")}
                    value={r.warnLeadMinutes === undefined ? "" : String(r.warnLeadMinutes)}
                    onInput={(e) => update(i, { warnLeadMinutes: intOf(e.currentTarget.value) })}
                  />
                </td>
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
        <TextField
          id="warn-at"
          label={tr("w.manager.defaultWarnAt")}
          type="number"
          min={0}
          max={100}
          value={warnAt}
          onValue={setWarnAt}
          error={errors.warnAtShare}
        />
        <TextField
          id="warn-lead"
          label={tr("w.manager.defaultLead")}
          type="number"
          min={0}
          value={lead}
          onValue={setLead}
          error={errors.warnLeadMinutes}
        />
        <TextField
          id="short-lead"
          label={tr("w.manager.shortLead")}
          type="number"
          min={0}
          value={shortLead}
          onValue={setShortLead}
          error={errors.shortWarnLeadMinutes}
        />
      </div>
      <fieldset id="escalation-ladder">
        <legend>{tr("w.manager.ladder")}</legend>
        <div class="row">
          {ESCALATION_STEPS.map((step, i) => (
            <TextField
              key={step}
              id={`ladder-${step}`}
              label={tr(`w.manager.ladder.${step}`)}
              type="number"
              min={0}
              value={ladder[i]!}
              onValue={(v) => setLadder((l) => l.map((x, k) => (k === i ? v : x)))}
              error={errors[`escalationDelaysMinutes.${i}`]}
            />
          ))}
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

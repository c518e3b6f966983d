import { useState } from "preact/hooks";
import type { SettingsView } from "../../api/types.ts";
import { tr } from "../../lib/i18n.ts";
import { ErrorBox } from "../../ui/kit.tsx";
import { NumberFields } from "./number-fields.tsx";
import { intOf, useSettingsSave } from "./save.ts";
import { type TimeRange, TimeRangeFields } from "./time-range.tsx";

/** The branch's own rules: portal daily limit, SMS budget, night shift, repair warranty, reopening on an unsatisfied visit. */
export function RulesForm({ s, onSaved }: { s: SettingsView; onSaved(message: string, stale?: boolean): void }) {
  const [limit, setLimit] = useState(String(s.publicDailyLimit));
  const [smsBudget, setSmsBudget] = useState(String(s.smsDailyBudget));
  const [night, setNight] = useState<TimeRange>({ from: s.nightShift.from, to: s.nightShift.to });
  const [warranty, setWarranty] = useState(String(s.workflow.warrantyMonths));
  const [reopen, setReopen] = useState(s.workflow.reopenOnUnsatisfied);
  const { form, errors, busy, save } = useSettingsSave(s.version, onSaved);

  function submit(e: Event) {
    e.preventDefault();
    void save({
      publicDailyLimit: intOf(limit) as number,
      smsDailyBudget: intOf(smsBudget) as number,
      nightShift: night,
      workflow: { warrantyMonths: intOf(warranty) as number, reopenOnUnsatisfied: reopen },
    });
  }

  return (
    <form ref={form} id="rules-form" onSubmit={submit} noValidate>
      <div class="row">
        <TimeRangeFields part="nightShift" value={night} onValue={setNight} errors={errors} />
        <NumberFields
          fields={[
            {
              id: "daily-limit",
              label: tr("w.settings.dailyLimit"),
              hint: tr("w.settings.dailyLimitHint"),
              min: 1,
              max: 1000,
              value: limit,
              onValue: setLimit,
              error: errors.publicDailyLimit,
            },
            {
              id: "sms-budget",
              label: tr("w.sms.dailyBudget"),
              hint: tr("w.sms.dailyBudgetHint"),
              min: 0,
              max: 100000,
              value: smsBudget,
              onValue: setSmsBudget,
              error: errors.smsDailyBudget,
            },
            {
              id: "warranty-months",
              label: tr("w.settings.warrantyMonths"),
              min: 0,
              max: 60,
              value: warranty,
              onValue: setWarranty,
              error: errors["workflow.warrantyMonths"],
            },
          ]}
        />
      </div>
      <label class="check">
        <input type="checkbox" id="reopen" checked={reopen} onChange={(e) => setReopen(e.currentTarget.checked)} />{" "}
        {tr("w.settings.reopen")}
      </label>
      <p class="hint">
        {tr("w.settings.quietHours")}: {s.notifications.quietHours.from}–{s.notifications.quietHours.to} · {tr("w.settings.quietHoursHint")}
      </p>
      <ErrorBox error={errors["(body)"] ?? null} />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? tr("w.settings.saving") : tr("w.settings.save")}
      </button>
    </form>
  );
}

import { type Calendar, type DeadlinePolicy, mergeHolidayList, parseHolidayList } from "@wuye/core/deadline";
import { useState } from "preact/hooks";
import type { PolicyView } from "../../api/types.ts";
import { tr } from "../../lib/i18n.ts";
import { errorUnder } from "../../lib/form.ts";
import { ErrorBox, TextArea, TextField } from "../../ui/kit.tsx";
import { policyInput, usePolicySave } from "./policy-save.ts";

type WorkingHours = Extract<Calendar, { kind: "working-hours" }>;
const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "0"] as const;

/** "08:30-12:00 13:30-17:30" ⇄ periods; the gaps between periods are the breaks. */
const periodsText = (ps: ReadonlyArray<readonly [string, string]> | undefined) => (ps ?? []).map(([a, b]) => `${a}-${b}`).join(" ");
const periodsOf = (text: string): Array<[string, string]> =>
  text
    .split(/[\s,;，；]+/)
    .filter(Boolean)
    .map((p) => {
      const [a = "", b = ""] = p.split(/[-–~]/);
      return [a.trim(), b.trim()];
    });
const daysText = (days: readonly string[]) => days.join("\n");
const daysOf = (text: string) => text.split(/[\s,;，；]+/).filter(Boolean);

interface Draft {
  name: string;
  kind: Calendar["kind"];
  timeZone: string;
  week: Record<string, string>;
  holidays: string;
  workdays: string;
  makeUp: string;
}

const draftOf = (name: string, c: Calendar): Draft =>
  c.kind === "24x7"
    ? { name, kind: "24x7", timeZone: "Asia/Shanghai", week: {}, holidays: "", workdays: "", makeUp: "" }
    : {
        name,
        kind: "working-hours",
        timeZone: c.timeZone,
        week: Object.fromEntries(WEEKDAYS.map((d) => [d, periodsText(c.week[d])])),
        holidays: daysText(c.holidays),
        workdays: daysText(c.workdays),
        makeUp: periodsText(c.makeUpSchedule),
      };

function calendarOf(d: Draft): Calendar {
  if (d.kind === "24x7") return { kind: "24x7" };
  const week: WorkingHours["week"] = {};
  for (const day of WEEKDAYS) if (d.week[day]?.trim()) week[day] = periodsOf(d.week[day]!);
  return {
    kind: "working-hours",
    timeZone: d.timeZone.trim(),
    week,
    holidays: daysOf(d.holidays),
    workdays: daysOf(d.workdays),
    ...(d.makeUp.trim() ? { makeUpSchedule: periodsOf(d.makeUp) } : {}),
  };
}

const OFFICE_HOURS = "08:30-12:00 13:30-17:30";

/**
 * The calendars the deadline rules count working time in: working hours per weekday (breaks are the gaps),
 * public holidays and make-up working days (调休). The year's official list is imported from a file
 * (docs/holiday-list.md: CSV `date,type` with holiday/workday, or JSON {holidays, workdays}).
 */
export function CalendarForm({ view, onSaved }: { view: PolicyView; onSaved(message: string, stale?: boolean): void }) {
  const policy = view.policy as DeadlinePolicy;
  const [drafts, setDrafts] = useState<Draft[]>(() => Object.entries(policy.calendars).map(([n, c]) => draftOf(n, c)));
  const [imported, setImported] = useState<string | null>(null);
  const { form, errors, busy, save } = usePolicySave(view.version, onSaved);
  const update = (i: number, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d, k) => (k === i ? { ...d, ...patch } : d)));

  function submit(e: Event) {
    e.preventDefault();
    void save({ ...policyInput(policy), calendars: Object.fromEntries(drafts.map((d) => [d.name.trim(), calendarOf(d)])) });
  }
  function add() {
    const name = `office-${drafts.length + 1}`;
    setDrafts((ds) => [
      ...ds,
      {
        name,
        kind: "working-hours",
        timeZone: "Asia/Shanghai",
        week: Object.fromEntries(WEEKDAYS.slice(0, 5).map((d) => [d, OFFICE_HOURS])),
        holidays: "",
        workdays: "",
        makeUp: "",
      },
    ]);
  }
  async function importList(i: number, file: File) {
    const { list, issues } = parseHolidayList(await file.text());
    const d = drafts[i]!;
    const merged = mergeHolidayList({ holidays: daysOf(d.holidays), workdays: daysOf(d.workdays) }, list);
    update(i, { holidays: daysText(merged.holidays), workdays: daysText(merged.workdays) });
    setImported(
      issues.length
        ? tr("w.manager.importIssues", { h: list.holidays.length, w: list.workdays.length, lines: issues.map((x) => x.line).join(", ") })
        : tr("w.manager.imported", { h: list.holidays.length, w: list.workdays.length }),
    );
  }

  return (
    <form ref={form} id="calendar-form" onSubmit={submit} noValidate>
      {drafts.map((d, i) => {
        const at = (field: string) => errors[`calendars.${d.name}.${field}`];
        return (
          <fieldset key={i} class="calendar" data-calendar={d.name}>
            <legend>
              {d.name} · {tr(d.kind === "24x7" ? "w.manager.cal24" : "w.manager.calHours")}
            </legend>
            {d.kind === "24x7" ? (
              <p class="hint">{tr("w.manager.cal24Hint")}</p>
            ) : (
              <>
                <div class="row">
                  <TextField id={`cal-${i}-name`} label={tr("w.manager.calName")} value={d.name} onValue={(v) => update(i, { name: v })} />
                  <TextField
                    id={`cal-${i}-tz`}
                    label={tr("w.manager.timeZone")}
                    value={d.timeZone}
                    onValue={(v) => update(i, { timeZone: v })}
                    error={at("timeZone")}
                  />
                </div>
                <div class="week-grid">
                  {WEEKDAYS.map((day) => (
                    <TextField
                      key={day}
                      id={`cal-${i}-day-${day}`}
                      label={tr(`w.manager.weekday.${day}`)}
                      value={d.week[day] ?? ""}
                      placeholder={tr("w.manager.closed")}
                      onValue={(v) => update(i, { week: { ...d.week, [day]: v } })}
                      error={errorUnder(errors, `calendars.${d.name}.week.${day}`)}
                    />
                  ))}
                </div>
                <p class="hint">{tr("w.manager.periodsHint")}</p>
                <div class="row">
                  <TextArea
                    id={`cal-${i}-holidays`}
                    label={tr("w.manager.holidays")}
                    rows={5}
                    value={d.holidays}
                    onValue={(v) => update(i, { holidays: v })}
                    error={errorUnder(errors, `calendars.${d.name}.holidays`)}
                  />
                  <TextArea
                    id={`cal-${i}-workdays`}
                    label={tr("w.manager.workdays")}
                    rows={5}
                    value={d.workdays}
                    onValue={(v) => update(i, { workdays: v })}
                    error={errorUnder(errors, `calendars.${d.name}.workdays`)}
                  />
                  <TextField
                    id={`cal-${i}-makeup`}
                    label={tr("w.manager.makeUp")}
                    value={d.makeUp}
                    placeholder={d.week["1"] ?? ""}
                    onValue={(v) => update(i, { makeUp: v })}
                  />
                </div>
                <label class="button secondary small file">
                  {tr("w.manager.importList")}
                  <input
                    type="file"
                    accept=".csv,.json,text/csv,application/json"
                    data-import={d.name}
                    onChange={(e) => {
                      const f = e.currentTarget.files?.[0];
                      if (f) void importList(i, f);
                      e.currentTarget.value = "";
                    }}
                  />
                </label>
                <small class="hint"> {tr("w.manager.importHint")}</small>
              </>
            )}
          </fieldset>
        );
      })}
      {imported && (
        <p role="status" class="success" id="import-status">
          {imported}
        </p>
      )}
      <button type="button" class="secondary small" onClick={add}>
        {tr("w.manager.addCalendar")}
      </button>
      <ErrorBox error={errors["(body)"] ?? errors.rules ?? null} />
      <button type="submit" class="primary" disabled={busy} id="calendar-save">
        {busy ? tr("w.settings.saving") : tr("w.manager.saveCalendars")}
      </button>
    </form>
  );
}

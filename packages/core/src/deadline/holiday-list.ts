import { parseCsv } from "../csv/index.ts";

// The year's official list of public holidays and make-up working days (调休), imported into a calendar.
//
// Two accepted file formats (docs/holiday-list.md):
// - CSV, one day a line: `date,type[,name]`, where `date` is YYYY-MM-DD and `type` is `holiday` (or 休)
//   or `workday` (or 班); a first line starting with `date` is a header; blank lines are skipped.
// - JSON: `{"holidays": ["2026-01-01", …], "workdays": ["2026-02-14", …]}`.

export interface HolidayList {
  holidays: string[];
  workdays: string[];
}

export interface HolidayListIssue {
  line: number;
  text: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HOLIDAY = new Set(["holiday", "休", "假"]);
const WORKDAY = new Set(["workday", "班", "调休"]);

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The days of a list file; each line that is not a day is reported, and nothing is guessed. */
export function parseHolidayList(text: string): { list: HolidayList; issues: HolidayListIssue[] } {
  const issues: HolidayListIssue[] = [];
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  const trimmed = text.replace(/^\ufeff/, "").trim();
  if (trimmed.startsWith("{")) {
    try {
      const json = JSON.parse(trimmed) as Record<string, unknown>;
      for (const [field, into] of [
        ["holidays", holidays],
        ["workdays", workdays],
      ] as const) {
        const days = json[field] ?? [];
        if (!Array.isArray(days)) issues.push({ line: 1, text: field });
        else for (const d of days) typeof d === "string" && validDate(d) ? into.add(d) : issues.push({ line: 1, text: String(d) });
      }
    } catch {
      issues.push({ line: 1, text: trimmed.slice(0, 40) });
    }
  } else {
    parseCsv(trimmed).forEach((fields, i) => {
      const [date = "", type = ""] = fields.map((f) => f.trim());
      if (i === 0 && date.toLowerCase() === "date") return;
      const kind = type.toLowerCase();
      if (!validDate(date) || !(HOLIDAY.has(kind) || WORKDAY.has(kind))) issues.push({ line: i + 1, text: fields.join(",") });
      else (HOLIDAY.has(kind) ? holidays : workdays).add(date);
    });
  }
  for (const d of holidays) if (workdays.has(d)) issues.push({ line: 0, text: `${d}: holiday and workday` });
  return { list: { holidays: [...holidays].sort(), workdays: [...workdays].sort() }, issues };
}

/** A calendar's days with an imported list merged in: the list's year replaces what the calendar had for it. */
export function mergeHolidayList(current: HolidayList, imported: HolidayList): HolidayList {
  const years = new Set([...imported.holidays, ...imported.workdays].map((d) => d.slice(0, 4)));
  const keep = (d: string) => !years.has(d.slice(0, 4));
  return {
    holidays: [...new Set([...current.holidays.filter(keep), ...imported.holidays])].sort(),
    workdays: [...new Set([...current.workdays.filter(keep), ...imported.workdays])].sort(),
  };
}

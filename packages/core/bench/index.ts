// Deadline math throughput (pnpm bench). Prints target vs measured; never fails (exit 0).
import { Bench } from "tinybench";
import {
  addWorkingTime,
  ALWAYS,
  type Calendar,
  CalendarSchema,
  DEFAULT_POLICY,
  DeadlinePolicySchema,
  milestonesFor,
} from "../src/deadline/index.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;
const BATCH = 100; // calls per task iteration, so that one sample is well above timer resolution

const office = [
  ["08:30", "12:00"],
  ["13:30", "17:30"],
] as Array<[string, string]>;
const officeWithHolidays: Calendar = CalendarSchema.parse({
  kind: "working-hours",
  timeZone: "Asia/Shanghai",
  week: { "1": office, "2": office, "3": office, "4": office, "5": office },
  holidays: ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07", "2027-01-01"],
  workdays: ["2026-09-27", "2026-10-10"],
});
const officePolicy = DeadlinePolicySchema.parse({
  version: 1,
  calendars: { office: officeWithHolidays, duty: ALWAYS },
  rules: [
    { milestone: "onSite", kinds: ["repair"], urgency: "urgent", trigger: "created", durationMinutes: 120, calendar: "office" },
    { milestone: "repaired", kinds: ["repair"], urgency: "urgent", trigger: "created", durationMinutes: 24 * 60, calendar: "office" },
    { milestone: "repaired", kinds: ["repair"], urgency: "normal", trigger: "created", durationMinutes: 72 * 60, calendar: "office" },
  ],
});

// 4096 start instants spread over 2026 with odd minutes: caches see many distinct days.
const STARTS = Array.from({ length: 4096 }, (_, i) => Date.UTC(2026, 0, 1) + ((i * 7919) % 365) * 86_400_000 + ((i * 37) % 1440) * MIN + i);
const DURATIONS = [5 * MIN, 2 * HOUR, 24 * HOUR, 72 * HOUR];
let i = 0;
let sink = 0;

const cases = [
  {
    name: "milestonesFor(DEFAULT_POLICY, urgent repair) on 24x7",
    target: 1_000_000,
    fn: () => {
      for (let k = 0; k < BATCH; k++)
        sink += milestonesFor(DEFAULT_POLICY, { kind: "repair", urgency: "urgent", trigger: "created", at: STARTS[i++ & 4095]! }).length;
    },
  },
  {
    name: "addWorkingTime, office hours + holidays",
    target: 200_000,
    fn: () => {
      for (let k = 0; k < BATCH; k++, i++) sink += addWorkingTime(officeWithHolidays, STARTS[i & 4095]!, DURATIONS[i & 3]!);
    },
  },
  {
    name: "milestonesFor(office policy, urgent repair)",
    target: null,
    fn: () => {
      for (let k = 0; k < BATCH; k++)
        sink += milestonesFor(officePolicy, { kind: "repair", urgency: "urgent", trigger: "created", at: STARTS[i++ & 4095]! }).length;
    },
  },
];

const bench = new Bench({ time: 1000, warmup: true });
for (const c of cases) bench.add(c.name, c.fn);
await bench.run();

const rows = cases.map((c) => {
  const r = bench.getTask(c.name)?.result;
  const perSecond = r && "throughput" in r && r.throughput ? Math.round(r.throughput.mean * BATCH) : 0;
  return {
    case: c.name,
    target: c.target === null ? "—" : `${c.target.toLocaleString("en-US")}/s`,
    measured: `${perSecond.toLocaleString("en-US")}/s`,
    verdict: c.target === null ? "info" : perSecond >= c.target ? "ok" : "below",
  };
});
console.table(rows);
if (sink === 42) console.log(""); // keep the results alive
process.exitCode = 0;

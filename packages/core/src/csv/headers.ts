import type { Locale } from "../i18n/index.ts";

// Column headers of every CSV export, zh-CN and en (the reader's language picks one).
const HEADERS = {
  rank: ["排名", "Rank"],
  branch: ["项目", "Branch"],
  name: ["名称", "Name"],
  requests: ["报事数", "Requests"],
  milestone: ["节点", "Milestone"],
  metOnTime: ["按时完成", "Met on time"],
  metLate: ["超时完成", "Met late"],
  overdueOpen: ["超时未完成", "Overdue, open"],
  overdueClosed: ["超时后关闭", "Overdue, closed"],
  openInTime: ["进行中未超时", "Open, in time"],
  compliance: ["按时率(%)", "On-time rate (%)"],
  overdueNow: ["当前超时", "Overdue now"],
  complaintRatePer1000Units: ["投诉率(每千户)", "Complaints per 1,000 units"],
  satisfaction: ["满意度(1–5)", "Satisfaction (1–5)"],
  title: ["标题", "Title"],
  scale: ["量表", "Scale"],
  sentAt: ["发送时间", "Sent at"],
  closed: ["已结束", "Closed"],
  recipients: ["对象数", "Recipients"],
  responses: ["答卷数", "Responses"],
  responseRate: ["回收率(%)", "Response rate (%)"],
  mean: ["平均分", "Mean score"],
  percent: ["得分率(%)", "Score (% of scale)"],
  bucket: ["时间段", "Period"],
  milestoneId: ["节点编号", "Milestone id"],
  requestId: ["报事编号", "Request id"],
  kind: ["类型", "Kind"],
  dueAt: ["到期时间", "Due at"],
  ageMinutes: ["超时(分钟)", "Overdue (minutes)"],
  breaches: ["超时次数", "Breaches"],
  reasons: ["超时原因", "Reasons"],
  at: ["时间", "Time"],
  actor: ["操作人", "Staff member"],
  actorRole: ["岗位", "Role"],
  action: ["操作", "Action"],
  subjectType: ["对象类型", "Record type"],
  subjectId: ["对象编号", "Record id"],
} as const satisfies Record<string, readonly [string, string]>;

export type CsvHeaderKey = keyof typeof HEADERS;

export function csvHeader(locale: Locale, key: CsvHeaderKey): string {
  return HEADERS[key][locale === "en" ? 1 : 0];
}

/** Columns for `toCsv` from field names, headed in the reader's language; `instants` names the fields that are instants. */
export function csvColumns<R>(locale: Locale, keys: readonly CsvHeaderKey[], instants: readonly CsvHeaderKey[] = []) {
  return keys.map(
    (key) =>
      ({ key, header: csvHeader(locale, key), instant: instants.includes(key) }) as {
        key: string;
        header: string;
        instant: boolean;
        value?: (row: R) => unknown;
      },
  );
}

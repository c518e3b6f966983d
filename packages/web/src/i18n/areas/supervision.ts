import { defineTexts } from "../define.ts";

// Head office and regions: the headline on-time rate, satisfaction with its scale, the monthly PDCA reports.
export const supervisionTexts = defineTexts({
  "w.hq.onTimeRate": ["按时率", "On-time rate"],
  "w.hq.overdueClosed": ["超时后关闭", "Overdue, closed"],
  "w.hq.satisfactionScale": ["满意度({n} 分制)", "Satisfaction (out of {n})"],
  "w.pdca.nav": ["月度 PDCA 报告", "Monthly PDCA reports"],
  "w.pdca.title": ["月度 PDCA 报告", "Monthly PDCA reports"],
  "w.pdca.none": ["还没有月度报告(每月初自动生成上月报告)", "No monthly report yet (last month's is written early each month)"],
  "w.pdca.month": ["月份", "Month"],
  "w.pdca.reports": ["报告", "Reports"],
  "w.pdca.group": ["集团", "Group"],
  "w.pdca.heading": ["{month} 月度服务质量报告 · {scope}", "Service quality report {month} · {scope}"],
  "w.pdca.all": ["全部报告", "All reports"],
  "w.pdca.plan": ["计划(P):下月重点关注的类别", "Plan: the categories to watch next month"],
  "w.pdca.do": ["执行(D):本月受理", "Do: requests this month"],
  "w.pdca.check": ["检查(C):各节点按时情况", "Check: milestones on time"],
  "w.pdca.act": ["改进(A):纠正与预防措施", "Act: corrective and preventive actions"],
  "w.pdca.noRequests": ["本月没有受理请求", "No request this month"],
  "w.pdca.noMilestones": ["本月没有开始的节点", "No milestone started this month"],
  "w.pdca.noCategories": ["本月没有按类别登记的请求", "No request with a category this month"],
  "w.pdca.started": ["开始", "Started"],
  "w.pdca.breaches": ["超时及原因", "Breaches and their reasons"],
  "w.pdca.noBreaches": ["本月没有超时", "No breach this month"],
  "w.pdca.noReason": ["未填写原因", "no reason recorded"],
  "w.pdca.noActions": ["本月没有记录纠正措施", "No corrective action recorded this month"],
});

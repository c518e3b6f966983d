import { defineTexts } from "../define.ts";

export const caseTexts = defineTexts({
  "w.cases.title": ["案例库", "Case library"],
  "w.cases.add": ["新增案例", "Add a case"],
  "w.cases.problem": ["问题", "Problem"],
  "w.cases.lesson": ["经验教训与预防措施", "Lesson and prevention"],
  "w.cases.lessonHint": ["写明以后如何避免同类问题(PDCA)", "Say how the same problem is prevented from now on (PDCA)"],
  "w.cases.department": ["责任部门", "Responsible department"],
  "w.cases.filter": ["筛选", "Filter"],
  "w.cases.all": ["显示全部", "Show all"],
  "w.cases.none": ["暂无案例", "No cases yet"],
  "w.cases.request": ["查看原请求", "Open the request"],
  "w.cases.save": ["保存案例", "Save the case"],
  "w.cases.saved": ["案例已保存", "Case saved"],
  "w.cases.source.complaint": ["来自投诉总结", "From a complaint summary"],
  "w.cases.source.follow-up": ["来自回访", "From a follow-up visit"],
  "w.cases.source.manual": ["手工录入", "Added by hand"],
});

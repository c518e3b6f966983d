import { defineTexts } from "../define.ts";

export const registerTexts = defineTexts({
  "w.register.searchHint": ["查询码、电话或尾号4位、姓名、房号(1栋502)、内容", "Code, phone or its last 4, name, unit (1-502), words"],
  "w.register.category": ["类别", "Category"],
  "w.register.channel": ["来源", "Channel"],
  "w.register.order": ["排序", "Order"],
  "w.register.order.newest": ["最新在前", "Newest first"],
  "w.register.order.urgent": ["紧急在前", "Urgent first"],
  "w.register.unit": ["房号/位置", "Unit / place"],
  "w.register.clear": ["清除条件", "Clear"],
  "w.register.found": ["找到 {n} 条", "{n} found"],
});

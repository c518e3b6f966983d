import { defineTexts } from "../define.ts";

// What texts may cost: the branch's daily SMS budget (settings) and a caller's tracking link held by a limit.
export const smsTexts = defineTexts({
  "w.sms.dailyBudget": ["每日短信额度(条)", "SMS per day (budget)"],
  "w.sms.dailyBudgetHint": [
    "按本处时区的自然日计;用完后只有紧急通知仍发短信,其余暂缓并通知项目经理",
    "Counted per calendar day in the branch's time zone; once spent only urgent notices are texted, the rest are held and the manager is told",
  ],
  "w.sms.recorded": ["已登记,查询码如下", "Recorded: the tracking code is below"],
  "w.sms.notSent": ["查询链接短信未发送:{reason}。", "The tracking link was not texted: {reason}."],
  "w.sms.tellCaller": [
    "请在电话中告诉来电人查询码;短信已记录为暂缓,主管可在「通知投递」中重发。",
    "Please give the caller the tracking code on the phone; the text is kept as held, and a supervisor can send it later from Deliveries.",
  ],
  "w.sms.open": ["打开该请求", "Open the request"],
  "w.req.messages": ["通知记录", "Messages sent"],
  "w.req.noMessages": ["尚未发送通知", "No message sent yet"],
  "w.req.linkHeld": [
    "查询链接短信被暂缓,来电人没有收到:请把查询码告诉对方(电话或当面)。",
    "The tracking-link text was held and the caller did not get it: give them the tracking code (by phone or in person).",
  ],
});

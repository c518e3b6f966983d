import { defineTexts } from "../define.ts";

// Editing a draft and publishing an emergency at once (the notices screen).
export const noticeTexts = defineTexts({
  "w.notice.edit": ["修改", "Edit"],
  "w.notice.saveEdit": ["保存修改", "Save changes"],
  "w.notice.atOnce": [
    "紧急通知(停水停电等)由项目经理发布后立即推送给业主,事后由客服中心主管审批。",
    "An emergency notice (water or power cut) by the branch manager reaches residents at once; the supervisor approves it afterwards.",
  ],
  "w.notice.publishNow": ["立即发布", "Publish now"],
});

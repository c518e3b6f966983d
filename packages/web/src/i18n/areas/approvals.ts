import { defineTexts } from "../define.ts";

export const approvalTexts = defineTexts({
  "w.approve.asResidents": ["住户看到的样子", "As residents will see it"],
  "w.approve.draft": ["待审批的书面回复", "The written reply to approve"],
  "w.approve.draftBy": ["{at} 起草", "Drafted {at}"],
  "w.approve.noDraft": ["没有待审批的回复稿", "No reply draft to approve"],
  "w.approve.complaint": ["投诉内容", "The complaint"],
  "w.approve.demand": ["业主诉求", "What the resident wants"],
  "w.approve.nature": ["投诉性质", "Nature"],
  "w.approve.returned": ["上次退回意见:{comment}", "Returned before: {comment}"],
  "w.approve.item": ["非标准维修项目", "Non-standard item"],
  "w.approve.description": ["报修描述", "What the resident reported"],
  "w.approve.photos": ["现场照片", "Photos"],
  "w.approve.noPhotos": ["没有照片", "No photos"],
});

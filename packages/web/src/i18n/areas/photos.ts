import { defineTexts } from "../define.ts";

export const photoTexts = defineTexts({
  "w.photos.title": ["照片", "Photos"],
  "w.photos.open": ["查看大图 {n}", "Open photo {n} full size"],
  "w.photos.close": ["关闭", "Close"],
  "w.photos.loading": ["照片加载中…", "Loading photo…"],
  "w.photos.failed": ["照片无法显示", "The photo cannot be shown"],
  "w.photos.intake": ["报修照片", "Photos with the request"],
  "w.photos.before": ["到场照片(维修前)", "On arrival (before)"],
  "w.photos.after": ["完工照片(维修后)", "Work done (after)"],
  "w.photos.signature": ["业主签名", "Resident's signature"],
  "w.photos.add": ["拍照或选择照片", "Take or choose photos"],
  "w.photos.uploading": ["正在上传…", "Uploading…"],
  "w.photos.remove": ["移除照片 {n}", "Remove photo {n}"],
  "w.sign.title": ["请业主在框内手写签名", "The resident signs in the box"],
  "w.sign.clear": ["重写", "Clear"],
  "w.sign.empty": ["请先手写签名", "Please sign in the box first"],
  "w.sign.name": ["签名人姓名", "Name of the signer"],
  "w.sign.pad": ["签名板", "Signature pad"],
});

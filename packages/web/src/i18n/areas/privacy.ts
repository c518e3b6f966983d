import { defineTexts } from "../define.ts";

export const privacyTexts = defineTexts({
  "w.privacy.forgetDevice": ["在此设备上忘记这些单号", "Forget these codes on this device"],
  "w.privacy.forgetHint": [
    "单号可查看您的报修详情,在公用手机上用完请点此清除。",
    "A tracking code opens your request: clear them on a shared phone.",
  ],
});

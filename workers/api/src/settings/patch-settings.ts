import { BranchSettingsPatchSchema, readBranchSettings } from "@wuye/core";
import { ListsView, settingsView } from "./settings-views.ts";
import { settingsWriteRoute } from "./settings-write-route.ts";

export const patchSettingsRoute = settingsWriteRoute({
  method: "patch",
  path: "/settings",
  summary: "Replace parts of the settings (validated, versioned; If-Match required)",
  body: BranchSettingsPatchSchema,
  answer: ListsView,
  change: (input) => input,
  view: (version, settings) => settingsView(version, readBranchSettings(settings)),
});

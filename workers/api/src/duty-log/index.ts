import { createRouter } from "../http/openapi.ts";
import { listDutyEntriesRoute } from "./list-duty-entries.ts";
import { writeDutyEntryRoute } from "./write-duty-entry.ts";

// 岗位记事本: append-only; there is no route to change or remove an entry.
export const dutyLogRoutes = createRouter().route("/", writeDutyEntryRoute).route("/", listDutyEntriesRoute);

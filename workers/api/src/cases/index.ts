import { createRouter } from "../http/openapi.ts";
import { addCaseRoute } from "./add-case.ts";
import { listCasesRoute } from "./list-cases.ts";

/** The case library (案例库), under /console. */
export const caseLibraryRoutes = createRouter().route("/", listCasesRoute).route("/", addCaseRoute);

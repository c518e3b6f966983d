import { createRouter } from "../http/openapi.ts";
import { changePasswordRoute } from "./change-password.ts";
import { forgotResetRoute } from "./forgot-reset.ts";
import { forgotStartRoute } from "./forgot-start.ts";
import { loginRoute } from "./login.ts";
import { logoutRoute } from "./logout.ts";
import { refreshRoute } from "./refresh.ts";
import { setPasswordRoute } from "./set-password.ts";

/** `/api/v1/auth`: one operation per file. */
export const authRoutes = createRouter()
  .route("/", loginRoute)
  .route("/", refreshRoute)
  .route("/", logoutRoute)
  .route("/", changePasswordRoute)
  .route("/", setPasswordRoute)
  .route("/", forgotStartRoute)
  .route("/", forgotResetRoute);

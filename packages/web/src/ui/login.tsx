import { useState } from "preact/hooks";
import { ApiError } from "../lib/api.ts";
import { errorText } from "../lib/form.ts";
import { tr } from "../lib/i18n.ts";
import { login, sessionRestoring } from "../lib/session.ts";
import { useStaffSession } from "../lib/use-session.ts";
import { Loading, TextField } from "./kit.tsx";
import { ChangePasswordForm } from "./password.tsx";

/**
 * Staff and head-office sign-in by phone or email (same endpoint; the token's role decides what the user may
 * see). While the cookie login of a new tab is being restored it shows nothing but a spinner; a first login
 * with a handed-over password asks for a new one before anything else.
 */
export function LoginForm({ title }: { title: string }) {
  const session = useStaffSession();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  if (sessionRestoring()) return <Loading />;
  if (session?.staff.mustChangePassword) {
    return (
      <main class="page narrow">
        <ChangePasswordForm forced />
      </main>
    );
  }
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setMessage("");
    try {
      await login(name.trim(), password);
    } catch (err) {
      // A 401 here is the name or password (or a deactivated account, on purpose not told apart from them).
      const reason =
        err instanceof ApiError && err.status === 401
          ? tr("w.login.wrong")
          : err instanceof ApiError && err.problem
            ? err.problem.title
            : errorText(err);
      setMessage(tr("web.login.failed", { reason }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main class="page narrow">
      <form class="card login" onSubmit={submit} aria-labelledby="login-title">
        <h2 id="login-title">{title}</h2>
        <TextField id="email" label={tr("w.login.name")} autoComplete="username" value={name} onValue={setName} required />
        <TextField
          id="password"
          label={tr("web.login.password")}
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          required
        />
        <button type="submit" class="primary big" disabled={busy}>
          {tr("web.login.submit")}
        </button>
        <p role="alert" class="error">
          {message}
        </p>
        <a href="/forgot" id="forgot-link">
          {tr("w.login.forgot")}
        </a>
      </form>
    </main>
  );
}

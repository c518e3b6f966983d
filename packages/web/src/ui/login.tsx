import { useState } from "preact/hooks";
import { ApiError } from "../lib/api.ts";
import { errorText } from "../lib/form.ts";
import { tr } from "../lib/i18n.ts";
import { login } from "../lib/session.ts";
import { TextField } from "./kit.tsx";

/** Staff and head-office sign-in (same endpoint; the token's role decides what the user may see). */
export function LoginForm({ title }: { title: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setMessage("");
    try {
      await login(email.trim(), password);
    } catch (err) {
      setMessage(tr("web.login.failed", { reason: err instanceof ApiError && err.problem ? err.problem.title : errorText(err) }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main class="page narrow">
      <form class="card login" onSubmit={submit} aria-labelledby="login-title">
        <h2 id="login-title">{title}</h2>
        <TextField
          id="email"
          label={tr("web.login.email")}
          type="email"
          autoComplete="username"
          value={email}
          onValue={setEmail}
          required
        />
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
      </form>
    </main>
  );
}

import { useState } from "preact/hooks";
import { answer, api } from "../lib/api.ts";
import { errorText, serverErrors } from "../lib/form.ts";
import { tr } from "../lib/i18n.ts";
import { navigate } from "../lib/router.ts";
import { setStaffSession, staffApi } from "../lib/session.ts";
import { Card, ErrorBox, TextField } from "./kit.tsx";
import { TopBar } from "./shell.tsx";

type Errors = Record<string, string>;
/** The server names the field; the rule is said in the reader's language. */
const passwordError = (e: Errors) => (e.newPassword ? tr("w.account.rule") : undefined);

function NewPasswordFields({ value, onValue, errors }: { value: [string, string]; onValue(v: [string, string]): void; errors: Errors }) {
  return (
    <>
      <TextField
        id="new-password"
        label={tr("w.account.new")}
        type="password"
        autoComplete="new-password"
        hint={tr("w.account.rule")}
        error={passwordError(errors)}
        value={value[0]}
        onValue={(v) => onValue([v, value[1]])}
        required
      />
      <TextField
        id="repeat-password"
        label={tr("w.account.repeat")}
        type="password"
        autoComplete="new-password"
        error={errors.repeat}
        value={value[1]}
        onValue={(v) => onValue([value[0], v])}
        required
      />
    </>
  );
}

/** My password: the old one, then a new one twice. Forced on the first login with a handed-over password. */
export function ChangePasswordForm({ forced = false }: { forced?: boolean }) {
  const [old, setOld] = useState("");
  const [pw, setPw] = useState<[string, string]>(["", ""]);
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    if (pw[0] !== pw[1]) return setErrors({ repeat: tr("w.account.mismatch") });
    try {
      const { data } = await answer(staffApi.auth.password.$post({ json: { oldPassword: old, newPassword: pw[0] } }));
      setStaffSession(data);
      setErrors({});
      setDone(true);
    } catch (err) {
      setErrors(serverErrors(err));
    }
  }
  return (
    <form class="card" id="change-password" onSubmit={submit}>
      <h2>{forced ? tr("w.account.forced") : tr("w.account.title")}</h2>
      <TextField
        id="old-password"
        label={tr("w.account.old")}
        type="password"
        autoComplete="current-password"
        error={errors.oldPassword}
        value={old}
        onValue={setOld}
        required
      />
      <NewPasswordFields value={pw} onValue={setPw} errors={errors} />
      <ErrorBox error={errors["(body)"]} />
      {done && <p role="status">{tr("w.account.saved")}</p>}
      <button type="submit" class="primary">
        {tr("w.account.save")}
      </button>
    </form>
  );
}

/** /invite/{token}: the one-time link of an invite or a reset sets the password and signs the member in. */
export function InvitePage({ token }: { token: string }) {
  const [pw, setPw] = useState<[string, string]>(["", ""]);
  const [errors, setErrors] = useState<Errors>({});
  async function submit(e: Event) {
    e.preventDefault();
    if (pw[0] !== pw[1]) return setErrors({ repeat: tr("w.account.mismatch") });
    try {
      const { data } = await answer(api.auth.password.set.$post({ json: { token, newPassword: pw[0] } }));
      setStaffSession(data);
      navigate(data.staff.branch ? "/console" : data.staff.role === "orgAdmin" ? "/admin" : "/hq");
    } catch (err) {
      setErrors(serverErrors(err));
    }
  }
  return (
    <>
      <TopBar title={tr("w.invite.title")} />
      <main class="page narrow">
        <form class="card" id="invite" onSubmit={submit}>
          <h2>{tr("w.invite.title")}</h2>
          <p>{tr("w.invite.intro")}</p>
          <NewPasswordFields value={pw} onValue={setPw} errors={errors} />
          <ErrorBox error={errors.token ?? errors["(body)"]} />
          <button type="submit" class="primary big">
            {tr("w.account.save")}
          </button>
        </form>
      </main>
    </>
  );
}

/** /forgot: a code to the verified phone, then a new password. */
export function ForgotPage() {
  const [name, setName] = useState("");
  const [sent, setSent] = useState(false);
  const [code, setCode] = useState("");
  const [pw, setPw] = useState<[string, string]>(["", ""]);
  const [errors, setErrors] = useState<Errors>({});
  async function send(e: Event) {
    e.preventDefault();
    try {
      await answer(api.auth.password.forgot.$post({ json: { login: name.trim() } }));
      setSent(true);
      setErrors({});
    } catch (err) {
      setErrors({ login: errorText(err) });
    }
  }
  async function reset(e: Event) {
    e.preventDefault();
    if (pw[0] !== pw[1]) return setErrors({ repeat: tr("w.account.mismatch") });
    try {
      const { data } = await answer(api.auth.password.forgot.reset.$post({ json: { login: name.trim(), code, newPassword: pw[0] } }));
      setStaffSession(data);
      navigate(data.staff.branch ? "/console" : "/hq");
    } catch (err) {
      setErrors(serverErrors(err));
    }
  }
  return (
    <>
      <TopBar title={tr("w.forgot.title")} />
      <main class="page narrow">
        <Card title={tr("w.forgot.title")}>
          <form id="forgot" onSubmit={sent ? reset : send}>
            <TextField
              id="forgot-login"
              label={tr("w.login.name")}
              autoComplete="username"
              error={errors.login}
              value={name}
              onValue={setName}
              required
            />
            {sent && <p role="status">{tr("w.forgot.sent")}</p>}
            {sent && (
              <>
                <TextField
                  id="forgot-code"
                  label={tr("w.forgot.code")}
                  inputMode="numeric"
                  maxLength={6}
                  error={errors.code}
                  value={code}
                  onValue={setCode}
                  required
                />
                <NewPasswordFields value={pw} onValue={setPw} errors={errors} />
              </>
            )}
            <ErrorBox error={errors["(body)"]} />
            <button type="submit" class="primary big">
              {sent ? tr("w.forgot.reset") : tr("w.forgot.send")}
            </button>
          </form>
        </Card>
      </main>
    </>
  );
}

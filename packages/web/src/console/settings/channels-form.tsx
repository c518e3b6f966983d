import { NotificationChannelsInputSchema } from "@wuye/core/branch";
import { useState } from "preact/hooks";
import type { SettingsView } from "../../api/types.ts";
import { answer, ApiError, ifMatch, refine } from "../../lib/api.ts";
import { errorText } from "../../lib/form.ts";
import { tr } from "../../lib/i18n.ts";
import { invalidate, setQueryData } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { ErrorBox, TextField } from "../../ui/kit.tsx";
import { SETTINGS_KEY, SETTINGS_PREFIX, staleMessage, useVersionedSave } from "./save.ts";
import { type TimeRange, TimeRangeFields } from "./time-range.tsx";

type Gateway = "sms" | "email";

/**
 * Where the branch's notices go besides the inboxes: the SMS and email gateways (a token left empty keeps the stored
 * one, which is never shown), the webhook (its signing secret is rotated here and shown once), and the quiet hours.
 */
export function ChannelsForm({
  s,
  onSaved,
  secret,
  onSecret,
}: {
  s: SettingsView;
  onSaved(message: string, stale?: boolean): void;
  /** The secret just made, held by the page: rotating changes the version, which renews this form. */
  secret: string | null;
  onSecret(secret: string): void;
}) {
  const n = s.notifications;
  const [quiet, setQuiet] = useState<TimeRange>({ from: n.quietHours.from, to: n.quietHours.to });
  const [url, setUrl] = useState<Record<Gateway | "webhook", string>>({ sms: n.sms ?? "", email: n.email ?? "", webhook: n.webhook ?? "" });
  const [token, setToken] = useState<Record<Gateway, string>>({ sms: "", email: "" });
  const [rotateError, setRotateError] = useState<string | null>(null);
  const { form, errors, busy, save } = useVersionedSave(
    NotificationChannelsInputSchema,
    async (json, match) => {
      const { data, etag } = await answer(staffApi.console.settings.notifications.$put({ header: { "if-match": match }, json })).then(
        refine<SettingsView>(),
      );
      setQueryData(SETTINGS_KEY, data, etag);
      return data;
    },
    s.version,
    onSaved,
  );
  const gateway = (g: Gateway) => (url[g].trim() ? { url: url[g].trim(), ...(token[g] ? { token: token[g] } : {}) } : null);

  async function rotate() {
    setRotateError(null);
    try {
      const { data } = await answer(
        staffApi.console.settings.notifications["webhook-secret"].$post({ header: { "if-match": ifMatch(s.version) } }),
      );
      onSecret(data.secret);
      invalidate(SETTINGS_PREFIX);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        onSaved(staleMessage(err), true);
        invalidate(SETTINGS_PREFIX);
      } else setRotateError(errorText(err));
    }
  }

  return (
    <form
      ref={form}
      id="channels-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save({
          quietHours: quiet,
          sms: gateway("sms"),
          email: gateway("email"),
          webhook: url.webhook.trim() ? { url: url.webhook.trim() } : null,
        });
      }}
      noValidate
    >
      <div class="row">
        <TimeRangeFields part="quietHours" value={quiet} onValue={setQuiet} errors={errors} />
      </div>
      <p class="hint">{tr("w.manager.quietHint")}</p>
      {(["sms", "email"] as const).map((g) => (
        <fieldset key={g} data-gateway={g}>
          <legend>{tr(`w.manager.gateway.${g}`)}</legend>
          <div class="row">
            <TextField
              id={`${g}-url`}
              label={tr("w.manager.gatewayUrl")}
              type="url"
              value={url[g]}
              onValue={(v) => setUrl({ ...url, [g]: v })}
              error={errors[`${g}.url`]}
              placeholder="https://"
            />
            <TextField
              id={`${g}-token`}
              label={tr("w.manager.gatewayToken")}
              type="password"
              value={token[g]}
              onValue={(v) => setToken({ ...token, [g]: v })}
              error={errors[`${g}.token`]}
              hint={n[g] ? tr("w.manager.tokenKept") : tr("w.manager.tokenNeeded")}
            />
          </div>
        </fieldset>
      ))}
      <fieldset data-gateway="webhook">
        <legend>{tr("w.manager.webhook")}</legend>
        <TextField
          id="webhook-url"
          label={tr("w.manager.gatewayUrl")}
          type="url"
          value={url.webhook}
          onValue={(v) => setUrl({ ...url, webhook: v })}
          error={errors["webhook.url"]}
          placeholder="https://"
        />
        {n.webhook && (
          <p>
            <button type="button" class="secondary small" id="rotate-secret" onClick={() => void rotate()}>
              {tr("w.manager.rotate")}
            </button>{" "}
            <span class="hint">{tr("w.manager.rotateHint")}</span>
          </p>
        )}
        {secret && (
          <p class="success" role="status" id="new-secret">
            {tr("w.manager.newSecret")} <code class="code">{secret}</code>
          </p>
        )}
        <ErrorBox error={rotateError} />
      </fieldset>
      <ErrorBox error={errors["(body)"] ?? null} />
      <button type="submit" class="primary" disabled={busy} id="channels-save">
        {busy ? tr("w.settings.saving") : tr("w.manager.saveChannels")}
      </button>
    </form>
  );
}

import { NOTICE_TYPES, type NoticeType } from "@wuye/core/notification";
import { useState } from "preact/hooks";
import { answer } from "../../lib/api.ts";
import { errorText } from "../../lib/form.ts";
import { tr } from "../../lib/i18n.ts";
import { invalidate, useQuery } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { Async, Card, ErrorBox } from "../../ui/kit.tsx";

/** What staff can be told about (a resident's one-time code is not theirs). */
// Notices to residents, and a code or link sent to the one who asked for it: not staff's to choose channels for.
const NOT_CHOSEN = ["resident.otp", "staff.link", "staff.code", "request.trackingLink", "request.dispatched", "request.closed"] as const;
export const STAFF_NOTICES = NOTICE_TYPES.filter(
  (t): t is Exclude<NoticeType, (typeof NOT_CHOSEN)[number]> => !(NOT_CHOSEN as readonly string[]).includes(t),
);
const CHANNELS = ["sms", "email"] as const;
type Channel = (typeof CHANNELS)[number];
type Prefs = Partial<Record<NoticeType, Channel[]>>;

/** My own notification channels per notice type; the inbox always gets everything. */
export function MyNotificationsPage() {
  const q = useQuery("me:notification-preferences", () => answer(staffApi.console.me["notification-preferences"].$get()));
  // Held here: the form is renewed with the saved choices, and the word that they were saved must outlive it.
  const [status, setStatus] = useState<string | null>(null);
  return (
    <Card title={tr("w.manager.myNotifications")} id="my-notifications">
      <p class="hint">{tr("w.manager.inboxAlways")}</p>
      {status && (
        <p class="success" role="status" id="prefs-status">
          {status}
        </p>
      )}
      <Async q={q}>
        {(d) => <PrefsForm key={JSON.stringify(d.byType)} initial={d.byType as Prefs} contact={d.contact} onSaved={setStatus} />}
      </Async>
    </Card>
  );
}

function PrefsForm({
  initial,
  contact,
  onSaved,
}: {
  initial: Prefs;
  contact: { phone: boolean; email: boolean };
  onSaved(status: string | null): void;
}) {
  const [prefs, setPrefs] = useState<Prefs>(initial);
  const setStatus = onSaved;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (t: NoticeType, c: Channel, on: boolean) =>
    setPrefs((p) => ({ ...p, [t]: on ? [...new Set([...(p[t] ?? []), c])] : (p[t] ?? []).filter((x) => x !== c) }));
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const byType = Object.fromEntries(Object.entries(prefs).filter(([, cs]) => cs && cs.length > 0));
      await staffApi.console.me["notification-preferences"].$put({ json: { byType } });
      setStatus(tr("w.manager.prefsSaved"));
      invalidate("me:notification-preferences");
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form id="prefs-form" onSubmit={submit}>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{tr("w.manager.noticeType")}</th>
              {CHANNELS.map((c) => (
                <th key={c} scope="col">
                  {tr(`w.manager.channel.${c}`)}
                  {!contact[c === "sms" ? "phone" : "email"] && <small class="hint"> · {tr("w.manager.noContact")}</small>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {STAFF_NOTICES.map((t) => (
              <tr key={t} data-type={t}>
                <td>{tr(`w.manager.notice.${t}`)}</td>
                {CHANNELS.map((c) => (
                  <td key={c}>
                    <input
                      type="checkbox"
                      data-channel={c}
                      aria-label={`${tr(`w.manager.notice.${t}`)} · ${tr(`w.manager.channel.${c}`)}`}
                      checked={(prefs[t] ?? []).includes(c)}
                      onChange={(e) => toggle(t, c, e.currentTarget.checked)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorBox error={error} />
      <button type="submit" class="primary" disabled={busy} id="prefs-save">
        {busy ? tr("w.settings.saving") : tr("w.settings.save")}
      </button>
    </form>
  );
}

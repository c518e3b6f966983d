import { can } from "@wuye/core/auth";
import { useState } from "preact/hooks";
import type { PolicyView, SettingsView } from "../../api/types.ts";
import { currentLocale, term, tr, yuan } from "../../lib/i18n.ts";
import { useQuery } from "../../lib/query.ts";
import { answer } from "../../lib/api.ts";
import { staffApi, staffSession } from "../../lib/session.ts";
import { Async, Badge, Card } from "../../ui/kit.tsx";
import { navigate, useLocation } from "../../lib/router.ts";
import { CalendarForm } from "./calendar-form.tsx";
import { CategoriesForm } from "./categories-form.tsx";
import { ChannelsForm } from "./channels-form.tsx";
import { PolicyForm } from "./policy-form.tsx";
import { POLICY_KEY } from "./policy-save.ts";
import { PriceListForm } from "./price-list-form.tsx";
import { RulesForm } from "./rules-form.tsx";
import { loadSettings, SETTINGS_KEY } from "./save.ts";
import { SkillsForm } from "./skills-form.tsx";
import { skillNames } from "../dispatch.tsx";

const nameOf = (n: Record<string, string>) => n[currentLocale()] ?? n["zh-CN"] ?? "";

/**
 * Two forms share a tab and one settings version: each is renewed when its own part of the settings changes, so
 * saving one keeps what is being typed in the other (it sends If-Match on the version it is given, the newest).
 */
const partKey = (...parts: unknown[]) => JSON.stringify(parts);

const TABS = ["policy", "calendar", "categories", "channels", "general"] as const;
type Tab = (typeof TABS)[number];

/**
 * The branch's settings, one form per part: the deadline policy, the calendars, categories and skills, the notification
 * channels, the shifts and the price list. Each save sends If-Match on the settings version that was read; a stale one
 * says whose change won. Whoever lacks `settings.write` reads the same parts.
 */
export function SettingsPage() {
  const { query } = useLocation();
  const tab: Tab = TABS.find((t) => t === query.get("tab")) ?? "policy";
  const policy = useQuery<PolicyView>(POLICY_KEY, () => answer(staffApi.console.settings.policy.$get()), { staleMs: 30_000 });
  const settings = useQuery(SETTINGS_KEY, loadSettings, { staleMs: 30_000 });
  const role = staffSession()?.staff.role;
  const editable = !!role && can(role, "settings.write");
  const [status, setStatusState] = useState<{ text: string; stale: boolean } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const setStatus = (text: string, stale = false) => setStatusState({ text, stale });
  const show = (t: Tab) => {
    setStatusState(null);
    navigate(`/console/settings?tab=${t}`, { replace: true });
  };
  return (
    <div id="settings-page" data-tab={tab}>
      <div class="chips tabs" role="group" aria-label={tr("w.console.nav.settings")}>
        {TABS.map((t) => (
          <button key={t} type="button" aria-pressed={t === tab} data-tab={t} onClick={() => show(t)}>
            {tr(`w.manager.tab.${t}`)}
          </button>
        ))}
      </div>
      {status && (
        <p class={status.stale ? "error-box" : "success"} role="status" id="settings-status" data-stale={status.stale}>
          {status.text}
        </p>
      )}
      {(tab === "policy" || tab === "calendar") && (
        <Async q={policy}>
          {(p) => (
            <Card title={tr(tab === "policy" ? "w.settings.policy" : "w.manager.tab.calendar")} id={tab}>
              <p class="hint">
                {tr("w.settings.version", { v: p.version })}
                {!editable && ` · ${tr("w.settings.readOnly")}`}
              </p>
              {tab === "policy" && (
                <ul class="commitments">
                  {p.commitments.map((c, i) => (
                    <li key={i} data-milestone={c.milestone}>
                      {c.text}
                    </li>
                  ))}
                </ul>
              )}
              {editable ? (
                tab === "policy" ? (
                  <PolicyForm key={p.version} view={p} onSaved={setStatus} />
                ) : (
                  <CalendarForm key={p.version} view={p} onSaved={setStatus} />
                )
              ) : (
                <pre class="pre">
                  {JSON.stringify(tab === "policy" ? p.policy : (p.policy as { calendars: unknown }).calendars, null, 2)}
                </pre>
              )}
            </Card>
          )}
        </Async>
      )}
      {tab !== "policy" && tab !== "calendar" && (
        <Async q={settings}>
          {(s) => (
            <div id="settings" data-version={s.version}>
              <p class="hint">
                {tr("w.settings.version", { v: s.version })}
                {!editable && ` · ${tr("w.settings.readOnly")}`}
              </p>
              {tab === "categories" && (
                <>
                  <Card title={tr("w.settings.categories")} id="categories">
                    {editable ? <CategoriesForm key={partKey(s.categories)} s={s} onSaved={setStatus} /> : <CategoriesView s={s} />}
                  </Card>
                  <Card title={tr("w.manager.skills")} id="skills">
                    {editable ? (
                      <SkillsForm key={partKey(s.skills)} s={s} onSaved={setStatus} />
                    ) : (
                      <ul class="plain">
                        {s.skills.map((k) => (
                          <li key={k.code}>
                            {currentLocale() === "en" ? k.name.en : k.name.zh} <span class="hint">{k.code}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </Card>
                </>
              )}
              {tab === "channels" && (
                <Card title={tr("w.manager.tab.channels")} id="channels">
                  {editable ? (
                    <ChannelsForm key={s.version} s={s} onSaved={setStatus} secret={secret} onSecret={setSecret} />
                  ) : (
                    <RulesView s={s} />
                  )}
                </Card>
              )}
              {tab === "general" && (
                <>
                  <Card title={tr("w.settings.general")}>
                    {editable ? (
                      <RulesForm key={partKey(s.publicDailyLimit, s.smsDailyBudget, s.nightShift, s.workflow)} s={s} onSaved={setStatus} />
                    ) : (
                      <RulesView s={s} />
                    )}
                  </Card>
                  <Card title={tr("w.portal.prices")} id="price-list">
                    {editable ? <PriceListForm key={partKey(s.priceList)} s={s} onSaved={setStatus} /> : <PriceListView s={s} />}
                  </Card>
                </>
              )}
            </div>
          )}
        </Async>
      )}
    </div>
  );
}

function CategoriesView({ s }: { s: SettingsView }) {
  return (
    <div class="table-wrap">
      <table>
        <tbody>
          {s.categories.map((c) => (
            <tr key={c.code}>
              <td>{nameOf(c.name)}</td>
              <td>{term("kind", c.kind)}</td>
              <td>{c.urgent && <Badge tone="bad">{term("urgency", "urgent")}</Badge>}</td>
              <td>{c.skill ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RulesView({ s }: { s: SettingsView }) {
  return (
    <dl class="kv">
      <dt>{tr("w.settings.nightShift")}</dt>
      <dd>
        {s.nightShift.from}–{s.nightShift.to}
      </dd>
      <dt>{tr("w.settings.quietHours")}</dt>
      <dd>
        {s.notifications.quietHours.from}–{s.notifications.quietHours.to}
      </dd>
      <dt>{tr("w.settings.dailyLimit")}</dt>
      <dd>{s.publicDailyLimit}</dd>
      <dt>{tr("w.sms.dailyBudget")}</dt>
      <dd id="sms-budget-value">{s.smsDailyBudget}</dd>
      <dt>{tr("w.settings.warrantyMonths")}</dt>
      <dd>{s.workflow.warrantyMonths}</dd>
      <dt>{tr("w.settings.reopen")}</dt>
      <dd>{tr(s.workflow.reopenOnUnsatisfied ? "w.yes" : "w.no")}</dd>
    </dl>
  );
}

function PriceListView({ s }: { s: SettingsView }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>{tr("w.price.item")}</th>
            <th>{tr("w.price.unit")}</th>
            <th class="num">{tr("w.price.labour")}</th>
            <th class="num">{tr("w.price.material")}</th>
            <th>{tr("w.price.skill")}</th>
          </tr>
        </thead>
        <tbody>
          {s.priceList.map((p) => (
            <tr key={p.code}>
              <td>
                {nameOf(p.name)} <code class="hint">{p.code}</code>
              </td>
              <td>{term("unit", p.unit)}</td>
              <td class="num">{yuan(p.labourFen)}</td>
              <td class="num">{yuan(p.materialFen)}</td>
              <td>{p.skill ? skillNames(s, [p.skill]) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

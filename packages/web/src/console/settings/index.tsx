import { can } from "@wuye/core/auth";
import { useState } from "preact/hooks";
import type { PolicyView, SettingsView } from "../../api/types.ts";
import { currentLocale, term, tr, yuan } from "../../lib/i18n.ts";
import { useQuery } from "../../lib/query.ts";
import { answer } from "../../lib/api.ts";
import { staffApi, staffSession } from "../../lib/session.ts";
import { Async, Badge, Card } from "../../ui/kit.tsx";
import { PriceListForm } from "./price-list-form.tsx";
import { RulesForm } from "./rules-form.tsx";
import { loadSettings, SETTINGS_KEY } from "./save.ts";
import { skillNames } from "../dispatch.tsx";

const nameOf = (n: Record<string, string>) => n[currentLocale()] ?? n["zh-CN"] ?? "";

/**
 * The branch's settings. Supervisors and the branch manager (`settings.write`) edit the rules and the price list
 * (PATCH with If-Match on the version); everyone else reads them. The deadline policy and categories are shown.
 */
export function SettingsPage() {
  const policy = useQuery<PolicyView>("settings:policy", () => answer(staffApi.console.settings.policy.$get()), { staleMs: 30_000 });
  const settings = useQuery(SETTINGS_KEY, loadSettings, { staleMs: 30_000 });
  const role = staffSession()?.staff.role;
  const editable = !!role && can(role, "settings.write");
  const [status, setStatus] = useState<string | null>(null);
  return (
    <>
      <Card title={tr("w.settings.policy")} id="policy">
        <Async q={policy}>
          {(p) => (
            <>
              <ul class="commitments">
                {p.commitments.map((c, i) => (
                  <li key={i} data-milestone={c.milestone}>
                    {c.text}
                  </li>
                ))}
              </ul>
              <details>
                <summary>{tr("w.settings.raw")}</summary>
                <pre class="pre">{JSON.stringify(p.policy, null, 2)}</pre>
              </details>
            </>
          )}
        </Async>
      </Card>
      <Async q={settings}>
        {(s) => (
          <div id="settings" data-version={s.version}>
            <p class="hint">
              {tr("w.settings.version", { v: s.version })}
              {!editable && ` · ${tr("w.settings.readOnly")}`}
            </p>
            {status && (
              <p class="success" role="status" id="settings-status">
                {status}
              </p>
            )}
            <Card title={tr("w.settings.general")}>
              {editable ? <RulesForm key={s.version} s={s} onSaved={setStatus} /> : <RulesView s={s} />}
            </Card>
            <Card title={tr("w.portal.prices")} id="price-list">
              {editable ? <PriceListForm key={s.version} s={s} onSaved={setStatus} /> : <PriceListView s={s} />}
            </Card>
            <Card title={tr("w.settings.categories")}>
              <div class="table-wrap">
                <table>
                  <tbody>
                    {s.categories.map((c) => (
                      <tr key={c.code}>
                        <td>{nameOf(c.name)}</td>
                        <td>{term("kind", c.kind)}</td>
                        <td>{c.urgent && <Badge tone="bad">{term("urgency", "urgent")}</Badge>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Card>
          </div>
        )}
      </Async>
    </>
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

import type { PolicyView, SettingsView } from "../api/types.ts";
import { answer, refine } from "../lib/api.ts";
import { currentLocale, term, tr, yuan } from "../lib/i18n.ts";
import { useQuery } from "../lib/query.ts";
import { staffApi } from "../lib/session.ts";
import { Async, Badge, Card } from "../ui/kit.tsx";

/** The branch's deadline policy and lists, read-only here (changes go through PUT/PATCH with If-Match). */
export function SettingsPage() {
  const policy = useQuery("settings:policy", () => answer(staffApi.console.settings.policy.$get()).then(refine<PolicyView>()), { staleMs: 30_000 });
  const settings = useQuery("settings:lists", () => answer(staffApi.console.settings.$get()).then(refine<SettingsView>()), { staleMs: 30_000 });
  const name = (n: Record<string, string>) => n[currentLocale()] ?? n["zh-CN"] ?? "";
  return (
    <>
      <Card title={tr("w.settings.policy")} id="policy">
        <Async q={policy}>
          {(p) => (
            <>
              <p class="hint">{tr("w.settings.version", { v: p.version })}</p>
              <ul class="commitments">
                {p.commitments.map((c, i) => (
                  <li key={i} data-milestone={c.milestone}>{c.text}</li>
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
          <>
            <Card title={tr("w.settings.general")}>
              <dl class="kv">
                <dt>{tr("w.settings.nightShift")}</dt>
                <dd>{s.nightShift.from}–{s.nightShift.to}</dd>
                <dt>{tr("w.settings.quietHours")}</dt>
                <dd>{s.notifications.quietHours.from}–{s.notifications.quietHours.to}</dd>
                <dt>{tr("w.settings.dailyLimit")}</dt>
                <dd>{s.publicDailyLimit}</dd>
              </dl>
            </Card>
            <Card title={tr("w.portal.prices")}>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr><th>{tr("w.price.item")}</th><th>{tr("w.price.unit")}</th><th class="num">{tr("w.price.labour")}</th><th class="num">{tr("w.price.material")}</th></tr>
                  </thead>
                  <tbody>
                    {s.priceList.map((p) => (
                      <tr key={p.code}><td>{name(p.name)} <span class="hint">{p.code}</span></td><td>{p.unit}</td><td class="num">{yuan(p.labourFen)}</td><td class="num">{yuan(p.materialFen)}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Card>
            <Card title={tr("w.settings.categories")}>
              <div class="table-wrap">
                <table>
                  <tbody>
                    {s.categories.map((c) => (
                      <tr key={c.code}><td>{name(c.name)}</td><td>{term("kind", c.kind)}</td><td>{c.urgent && <Badge tone="bad">{term("urgency", "urgent")}</Badge>}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Card>
          </>
        )}
      </Async>
    </>
  );
}

import { CHANNELS, REGISTER_ORDERS, REQUEST_KINDS } from "@wuye/core/request";
import { isClosedStatus } from "@wuye/core/workflow";
import { useState } from "preact/hooks";
import type { RegisterItem } from "../api/types.ts";
import { answer, extras } from "../lib/api.ts";
import { fmtDateTime, term, tr } from "../lib/i18n.ts";
import { useNow, useQuery } from "../lib/query.ts";
import { navigate, useLocation } from "../lib/router.ts";
import { staffApi, staffSession } from "../lib/session.ts";
import { Async, Badge, Card } from "../ui/kit.tsx";
import { milestoneState } from "../ui/milestones.tsx";
import { EMPTY, type Filters, filtersFrom, RegisterFilters, toQuery } from "./register/filters.tsx";

const HOUR = 3_600_000;

const BUILT_IN = ["all", "mine", "overdue", "dueSoon"] as const;
const SAVED_KEY = "wuye:savedViews";

function savedViews(): Array<{ name: string; filters: Filters }> {
  try {
    return JSON.parse(localStorage.getItem(SAVED_KEY) ?? "[]");
  } catch {
    return [];
  }
}

/** What the API is asked for a view; "due within 1 h" and "my open items" are then narrowed here. */
function apiQuery(f: Filters) {
  const kind = REQUEST_KINDS.find((k) => k === f.kind);
  const channel = CHANNELS.find((c) => c === f.channel);
  const order = REGISTER_ORDERS.find((o) => o === f.order);
  return {
    limit: "100",
    ...(kind ? { kind } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(channel ? { channel } : {}),
    ...(order && order !== "newest" ? { order } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.view === "mine" ? { owner: "me" } : {}),
    ...(f.view === "overdue" ? { overdue: "true" as const } : {}),
  };
}

function narrow(items: RegisterItem[], f: Filters, now: number) {
  if (f.view === "mine") return items.filter((i) => !isClosedStatus(i.status));
  if (f.view === "dueSoon")
    return items.filter((i) => i.nextDueAt && Date.parse(i.nextDueAt) >= now && Date.parse(i.nextDueAt) - now <= HOUR);
  return items;
}

/** The service information register (顾客服务信息登记表) with filters and saved views. */
export function Register() {
  const { query } = useLocation();
  const f = filtersFrom(query);
  const [saved, setSaved] = useState(savedViews);
  const set = (patch: Partial<Filters>) => navigate(`/console${toQuery({ ...f, ...patch })}`, { replace: true });
  const filter = apiQuery(f);
  const q = useQuery(
    `register:${staffSession()?.staff.id}:${new URLSearchParams(filter)}`,
    (etag) => answer(staffApi.console.requests.$get({ query: filter }, extras({ ifNoneMatch: etag }))),
    { pollMs: 10_000, staleMs: 2_000 },
  );
  const now = useNow(15_000);

  const saveView = () => {
    const name = prompt(tr("w.reg.saveName"))?.trim();
    if (!name) return;
    const next = [...saved.filter((s) => s.name !== name), { name, filters: f }];
    localStorage.setItem(SAVED_KEY, JSON.stringify(next));
    setSaved(next);
  };
  const removeView = (name: string) => {
    const next = saved.filter((s) => s.name !== name);
    localStorage.setItem(SAVED_KEY, JSON.stringify(next));
    setSaved(next);
  };

  return (
    <Card title={tr("w.console.nav.register")} id="register">
      <div class="chips" role="group" aria-label={tr("w.reg.views")}>
        {BUILT_IN.map((v) => (
          <button
            key={v}
            type="button"
            data-view={v}
            aria-pressed={toQuery(f) === toQuery({ ...EMPTY, view: v })}
            onClick={() => navigate(`/console${toQuery({ ...EMPTY, view: v })}`, { replace: true })}
          >
            {tr(`w.reg.view.${v}`)}
          </button>
        ))}
        {saved.map((s) => (
          <span key={s.name} class="saved">
            <button
              type="button"
              aria-pressed={toQuery(s.filters) === toQuery(f)}
              onClick={() => navigate(`/console${toQuery(s.filters)}`, { replace: true })}
            >
              {s.name}
            </button>
            <button type="button" class="link" aria-label={tr("w.reg.removeView", { name: s.name })} onClick={() => removeView(s.name)}>
              ×
            </button>
          </span>
        ))}
        <button type="button" class="link" onClick={saveView}>
          {tr("w.reg.save")}
        </button>
      </div>
      <RegisterFilters key={f.q} f={f} set={set} />
      <Async q={q}>
        {(page) => {
          const items = narrow(page.items, f, now);
          if (!items.length)
            return (
              <p class="hint" id="register-empty">
                {tr("w.reg.empty")}
              </p>
            );
          return (
            <div class="table-wrap">
              <table id="register-table">
                <thead>
                  <tr>
                    <th scope="col">
                      {tr("w.reg.code")} · {tr("w.reg.created")}
                    </th>
                    <th scope="col">{tr("w.reg.kind")}</th>
                    <th scope="col">{tr("w.reg.status")}</th>
                    <th scope="col">{tr("w.register.unit")}</th>
                    <th scope="col">{tr("w.form.description")}</th>
                    <th scope="col">{tr("w.reg.contact")}</th>
                    <th scope="col">{tr("w.reg.next")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((r) => {
                    const next = r.milestones
                      .filter((m) => m.status === "open" && m.dueAt)
                      .sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!))[0];
                    const s = next ? milestoneState(next, now) : null;
                    return (
                      <tr key={r.id} class="clickable" data-code={r.trackingCode} onClick={() => navigate(`/console/r/${r.id}`)}>
                        <td class="nowrap" title={r.trackingCode}>
                          <a href={`/console/r/${r.id}`}>{r.trackingCode.split("-").slice(0, 2).join("-")}…</a>
                          <small class="hint block">{fmtDateTime(r.createdAt)}</small>
                        </td>
                        <td class="nowrap">
                          {term("kind", r.kind)} {r.urgency === "urgent" && <Badge tone="bad">{term("urgency", "urgent")}</Badge>}
                        </td>
                        <td class="nowrap">{term("state", r.status)}</td>
                        <td data-unit>{r.unitLabel ?? r.area ?? "—"}</td>
                        <td class="desc">{r.description.length > 40 ? `${r.description.slice(0, 40)}…` : r.description}</td>
                        <td>
                          {r.contactName} <small class="hint block nowrap">{r.contactPhone}</small>
                        </td>
                        <td>
                          {next && s ? (
                            <Badge tone={s.tone}>
                              {term("milestone", next.name)} · {s.label}
                            </Badge>
                          ) : (
                            "—"
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        }}
      </Async>
    </Card>
  );
}

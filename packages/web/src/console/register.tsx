import { REQUEST_KINDS } from "@wuye/core/request";
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

const HOUR = 3_600_000;

interface Filters {
  view: string;
  kind: string;
  status: string;
  q: string;
}
const BUILT_IN = ["all", "mine", "overdue", "dueSoon"] as const;
const SAVED_KEY = "wuye:savedViews";

function savedViews(): Array<{ name: string; filters: Filters }> {
  try {
    return JSON.parse(localStorage.getItem(SAVED_KEY) ?? "[]");
  } catch {
    return [];
  }
}

function filtersFrom(query: URLSearchParams): Filters {
  return { view: query.get("view") ?? "all", kind: query.get("kind") ?? "", status: query.get("status") ?? "", q: query.get("q") ?? "" };
}
function toQuery(f: Filters) {
  const p = new URLSearchParams();
  if (f.view !== "all") p.set("view", f.view);
  if (f.kind) p.set("kind", f.kind);
  if (f.status) p.set("status", f.status);
  if (f.q) p.set("q", f.q);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** What the API is asked for a view; "due within 1 h" and "my open items" are then narrowed here. */
function apiQuery(f: Filters) {
  const kind = REQUEST_KINDS.find((k) => k === f.kind);
  return {
    limit: "100",
    ...(kind ? { kind } : {}),
    ...(f.status ? { status: f.status } : {}),
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
  const [search, setSearch] = useState(f.q);
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
            aria-pressed={f.view === v && !f.kind && !f.status && !f.q}
            onClick={() => navigate(`/console${toQuery({ view: v, kind: "", status: "", q: "" })}`, { replace: true })}
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
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: search });
        }}
      >
        <div class="field">
          <label for="search">
            {tr("w.reg.search")} <kbd>/</kbd>
          </label>
          <input
            id="search"
            type="search"
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
            placeholder={tr("w.reg.searchHint")}
          />
        </div>
        <div class="field">
          <label for="f-kind">{tr("w.reg.kind")}</label>
          <select id="f-kind" value={f.kind} onChange={(e) => set({ kind: e.currentTarget.value })}>
            <option value="">{tr("w.reg.any")}</option>
            {REQUEST_KINDS.map((k) => (
              <option key={k} value={k}>
                {term("kind", k)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-status">{tr("w.reg.status")}</label>
          <input
            id="f-status"
            value={f.status}
            list="states"
            onChange={(e) => set({ status: e.currentTarget.value })}
            placeholder={tr("w.reg.any")}
          />
          <datalist id="states">
            {[
              "received",
              "review",
              "dispatched",
              "onSite",
              "quoted",
              "inProgress",
              "awaitingAcceptance",
              "completed",
              "closed",
              "classified",
              "handled",
              "promised",
            ].map((s) => (
              <option key={s} value={s}>
                {term("state", s)}
              </option>
            ))}
          </datalist>
        </div>
        <button type="submit">{tr("w.reg.apply")}</button>
      </form>
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
                    <th scope="col">{tr("w.reg.code")}</th>
                    <th scope="col">{tr("w.reg.kind")}</th>
                    <th scope="col">{tr("w.reg.status")}</th>
                    <th scope="col">{tr("w.form.description")}</th>
                    <th scope="col">{tr("w.reg.contact")}</th>
                    <th scope="col">{tr("w.reg.next")}</th>
                    <th scope="col">{tr("w.reg.created")}</th>
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
                        <td>
                          <a href={`/console/r/${r.id}`}>{r.trackingCode.slice(0, 10)}…</a>
                        </td>
                        <td>
                          {term("kind", r.kind)} {r.urgency === "urgent" && <Badge tone="bad">{term("urgency", "urgent")}</Badge>}
                        </td>
                        <td>{term("state", r.status)}</td>
                        <td>{r.description.length > 40 ? `${r.description.slice(0, 40)}…` : r.description}</td>
                        <td>
                          {r.contactName} <span class="hint">{r.contactPhone}</span>
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
                        <td>{fmtDateTime(r.createdAt)}</td>
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

import { CHANNELS, REGISTER_ORDERS, REQUEST_KINDS, type RequestKind } from "@wuye/core/request";
import { workflowOf } from "@wuye/core/workflow";
import { useState } from "preact/hooks";
import { term, tr } from "../../lib/i18n.ts";
import { useProfile } from "../../lib/profile.ts";
import { staffSession } from "../../lib/session.ts";
import { Select } from "../../ui/kit.tsx";

export interface Filters {
  view: string;
  kind: string;
  status: string;
  category: string;
  channel: string;
  order: string;
  q: string;
}
const FIELDS = ["view", "kind", "status", "category", "channel", "order", "q"] as const;
export const EMPTY: Filters = { view: "all", kind: "", status: "", category: "", channel: "", order: "", q: "" };

export function filtersFrom(query: URLSearchParams): Filters {
  return Object.fromEntries(FIELDS.map((k) => [k, query.get(k) ?? EMPTY[k]])) as unknown as Filters;
}
export function toQuery(f: Filters) {
  const p = new URLSearchParams();
  for (const k of FIELDS) if (f[k] && f[k] !== EMPTY[k]) p.set(k, f[k]);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The states a request of this kind can be in (every kind's when none is chosen), in the workflow's order. */
function statesOf(kind: string): string[] {
  const kinds = REQUEST_KINDS.filter((k) => !kind || k === kind);
  return [...new Set(kinds.flatMap((k) => [...workflowOf(k as RequestKind).machine.states]))];
}

/** The register's search box and choosers, each in the domain's words; a choice applies at once, the text on Enter. */
export function RegisterFilters({ f, set }: { f: Filters; set(patch: Partial<Filters>): void }) {
  const [search, setSearch] = useState(f.q);
  const profile = useProfile(staffSession()?.staff.branch);
  const categories = (profile.data?.categories ?? []).filter((c) => !f.kind || c.kind === f.kind);
  const any = tr("w.reg.any");
  return (
    <form
      class="filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        set({ q: search.trim() });
      }}
    >
      <div class="field search-field">
        <label for="search">
          {tr("w.reg.search")} <kbd>/</kbd>
        </label>
        <input
          id="search"
          type="search"
          value={search}
          onInput={(e) => setSearch(e.currentTarget.value)}
          placeholder={tr("w.register.searchHint")}
        />
      </div>
      <Select
        id="f-kind"
        label={tr("w.reg.kind")}
        value={f.kind}
        placeholder={any}
        onValue={(kind) => set({ kind, status: "", category: "" })}
        options={REQUEST_KINDS.map((k) => ({ value: k, label: term("kind", k) }))}
      />
      <Select
        id="f-status"
        label={tr("w.reg.status")}
        value={f.status}
        placeholder={any}
        onValue={(status) => set({ status })}
        options={statesOf(f.kind).map((s) => ({ value: s, label: term("state", s) }))}
      />
      <Select
        id="f-category"
        label={tr("w.register.category")}
        value={f.category}
        placeholder={any}
        onValue={(category) => set({ category })}
        options={categories.map((c) => ({ value: c.code, label: String(c.name) }))}
      />
      <Select
        id="f-channel"
        label={tr("w.register.channel")}
        value={f.channel}
        placeholder={any}
        onValue={(channel) => set({ channel })}
        options={CHANNELS.map((c) => ({ value: c, label: term("channel", c) }))}
      />
      <Select
        id="f-order"
        label={tr("w.register.order")}
        value={f.order || "newest"}
        onValue={(order) => set({ order: order === "newest" ? "" : order })}
        options={REGISTER_ORDERS.map((o) => ({ value: o, label: tr(`w.register.order.${o}`) }))}
      />
      <button type="submit">{tr("w.reg.apply")}</button>
      {toQuery({ ...f, view: "all" }) !== "" && (
        <button
          type="button"
          class="link"
          onClick={() => {
            setSearch("");
            set({ ...EMPTY, view: f.view });
          }}
        >
          {tr("w.register.clear")}
        </button>
      )}
    </form>
  );
}

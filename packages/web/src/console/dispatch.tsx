import { workflowOf } from "@wuye/core/workflow";
import { useState } from "preact/hooks";
import type { DispatchBoard, WorkOrderRow } from "../api/types.ts";
import { answer, ApiError, ifMatch, refine } from "../lib/api.ts";
import { errorText, validate } from "../lib/form.ts";
import { currentLocale, fmtDuration, term, tr, yuan } from "../lib/i18n.ts";
import { categoryLabel, placeLabel, useProfile } from "../lib/profile.ts";
import { invalidate, useNow, useQuery } from "../lib/query.ts";
import { staffApi, staffSession } from "../lib/session.ts";
import { Async, Badge, Card, ErrorBox } from "../ui/kit.tsx";

const DISPATCHABLE = new Set(["received", "approved", "returned"]);

/** The board (its rows are documented as `unknown` by the API; `DispatchBoard` is how the web reads them). */
export const loadDispatchBoard = () => answer(staffApi.console["dispatch-board"].$get()).then(refine<DispatchBoard>());

/** A technician's skills by their names in the reader's language ("水暖 · 电工"), as the branch defines them. */
export function skillNames(board: Pick<DispatchBoard, "skills"> | undefined, codes: readonly string[]): string {
  const en = currentLocale() === "en";
  return codes
    .map((code) => {
      const s = board?.skills.find((x) => x.code === code);
      return s ? (en ? s.name.en : s.name.zh) : code;
    })
    .join(" · ");
}

/** The technician chooser's line: name, skills, load. */
export const technicianOption = (board: DispatchBoard, t: DispatchBoard["technicians"][number]) => ({
  value: t.id,
  label: `${t.name}(${skillNames(board, t.skills) || tr("w.board.noSkills")} · ${tr("w.board.load", { n: t.openOrders })})`,
});

/** Dispatch one waiting order from the board: technician (or automatic by skill and load) and price-list item. */
function QuickDispatch({ order, board }: { order: WorkOrderRow; board: DispatchBoard }) {
  const profile = useProfile(staffSession()?.staff.branch);
  const [tech, setTech] = useState("");
  const [item, setItem] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    const body = { ...(tech ? { technicianId: tech } : {}), ...(item ? { itemCode: item } : {}) };
    const v = validate(workflowOf("repair").steps.dispatch!.input, body);
    if (!v.ok) return setError(Object.values(v.errors)[0] ?? null);
    try {
      await staffApi.console.requests[":id"].actions.dispatch.$post({
        param: { id: order.id },
        header: { "if-match": ifMatch(order.version) },
        json: body,
      });
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 412 ? tr("w.req.stale") : errorText(err));
    }
    invalidate("dispatch-board");
    invalidate(`req:${order.id}:`);
  }
  return (
    <form class="quick-dispatch" onSubmit={submit} data-dispatch={order.trackingCode}>
      <select aria-label={tr("w.f.technicianId")} value={tech} onChange={(e) => setTech(e.currentTarget.value)}>
        <option value="">{tr("w.req.autoTech")}</option>
        {board.technicians.map((t) => {
          const o = technicianOption(board, t);
          return (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          );
        })}
      </select>
      <select aria-label={tr("w.f.itemCode")} value={item} onChange={(e) => setItem(e.currentTarget.value)}>
        <option value="">{tr("w.board.itemKept")}</option>
        {(profile.data?.priceList ?? []).map((p) => (
          <option key={p.code} value={p.code}>
            {p.name}({yuan(p.labourFen + p.materialFen)})
          </option>
        ))}
      </select>
      <button type="submit" class="small primary">
        {term("step", "dispatch")}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

/** Engineering's dispatch board: technicians × open work orders, and the orders still waiting for someone. */
export function DispatchBoardPage() {
  const q = useQuery("dispatch-board", loadDispatchBoard, { pollMs: 10_000, staleMs: 0 });
  const profile = useProfile(staffSession()?.staff.branch);
  const now = useNow(30_000);
  // Each card says what and where, how urgent and how long it has waited; urgent cards first (the API orders them too).
  const order = (o: WorkOrderRow, board?: DispatchBoard) => (
    <li key={o.id} data-code={o.trackingCode} data-urgency={o.urgency} class={`order-card${o.urgency === "urgent" ? " urgent" : ""}`}>
      <a href={`/console/r/${o.id}`} class="order-what">
        {o.urgency === "urgent" && <Badge tone="bad">{term("urgency", "urgent")}</Badge>}{" "}
        <strong>{categoryLabel(profile.data, o.category) || term("kind", "repair")}</strong> · {placeLabel(profile.data, o)}
      </a>
      <p class="order-desc">{o.description}</p>
      <div class="hint">
        {term("state", o.status)} · {tr("w.board.waiting", { d: fmtDuration(now - Date.parse(o.createdAt)) })}
      </div>
      {board && DISPATCHABLE.has(o.status) && <QuickDispatch order={o} board={board} />}
    </li>
  );
  const urgentFirst = (list: WorkOrderRow[]) => [...list].sort((a, b) => Number(b.urgency === "urgent") - Number(a.urgency === "urgent"));
  return (
    <Card title={tr("w.console.nav.dispatch")} id="dispatch-board">
      <Async q={q}>
        {(b) => (
          <div class="board">
            <section class="card" id="unassigned">
              <h3>{tr("w.board.unassigned", { n: b.unassigned.length })}</h3>
              {b.unassigned.length ? (
                <ul class="plain list">{urgentFirst(b.unassigned).map((o) => order(o, b))}</ul>
              ) : (
                <p class="hint">{tr("w.board.none")}</p>
              )}
            </section>
            {b.technicians.map((t) => (
              <section class="card" key={t.id} data-technician={t.id}>
                <h3>
                  {t.name} <Badge tone={t.openOrders > 3 ? "warn" : "info"}>{tr("w.board.load", { n: t.openOrders })}</Badge>
                </h3>
                <p class="hint skills">
                  {tr("w.board.skills")}:{skillNames(b, t.skills) || tr("w.board.noSkills")}
                </p>
                {t.orders.length ? (
                  <ul class="plain list">{urgentFirst(t.orders).map((o) => order(o))}</ul>
                ) : (
                  <p class="hint">{tr("w.board.free")}</p>
                )}
              </section>
            ))}
          </div>
        )}
      </Async>
      <p class="hint">{tr("w.board.hint")}</p>
    </Card>
  );
}

import { workflowOf } from "@wuye/core/workflow";
import { useState } from "preact/hooks";
import type { DispatchBoard, WorkOrderRow } from "../api/types.ts";
import { answer, ApiError, ifMatch, refine } from "../lib/api.ts";
import { errorText, validate } from "../lib/form.ts";
import { fmtDateTime, fmtDuration, term, tr, yuan } from "../lib/i18n.ts";
import { useProfile } from "../lib/profile.ts";
import { invalidate, useNow, useQuery } from "../lib/query.ts";
import { staffApi, staffSession } from "../lib/session.ts";
import { Async, Badge, Card, ErrorBox } from "../ui/kit.tsx";

const DISPATCHABLE = new Set(["received", "approved", "returned"]);

/** Dispatch one waiting order from the board: technician (or automatic by skill and load) and price-list item. */
/** The board (its rows are documented as `unknown` by the API; `DispatchBoard` is how the web reads them). */
export const loadDispatchBoard = () => answer(staffApi.console["dispatch-board"].$get()).then(refine<DispatchBoard>());

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
        {board.technicians.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}({tr("w.board.load", { n: t.openOrders })})
          </option>
        ))}
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
  const now = useNow(30_000);
  const order = (o: WorkOrderRow, board?: DispatchBoard) => (
    <li key={o.id} data-code={o.trackingCode}>
      <a href={`/console/r/${o.id}`}>{o.trackingCode.slice(0, 10)}…</a>{" "}
      {o.urgency === "urgent" && <Badge tone="bad">{term("urgency", "urgent")}</Badge>}
      <div class="hint">
        {term("state", o.status)} · {tr("w.board.age", { d: fmtDuration(now - Date.parse(o.createdAt)) })} · {fmtDateTime(o.createdAt)}
      </div>
      {board && DISPATCHABLE.has(o.status) && <QuickDispatch order={o} board={board} />}
    </li>
  );
  return (
    <Card title={tr("w.console.nav.dispatch")} id="dispatch-board">
      <Async q={q}>
        {(b) => (
          <div class="board">
            <section class="card" id="unassigned">
              <h3>{tr("w.board.unassigned", { n: b.unassigned.length })}</h3>
              {b.unassigned.length ? (
                <ul class="plain list">{b.unassigned.map((o) => order(o, b))}</ul>
              ) : (
                <p class="hint">{tr("w.board.none")}</p>
              )}
            </section>
            {b.technicians.map((t) => (
              <section class="card" key={t.id} data-technician={t.id}>
                <h3>
                  {t.name} <Badge tone={t.openOrders > 3 ? "warn" : "info"}>{tr("w.board.load", { n: t.openOrders })}</Badge>
                </h3>
                <p class="hint">{t.skills.map((s) => tr(`w.skill.${s}` as "w.skill.general")).join(" · ")}</p>
                {t.orders.length ? <ul class="plain list">{t.orders.map((o) => order(o))}</ul> : <p class="hint">{tr("w.board.free")}</p>}
              </section>
            ))}
          </div>
        )}
      </Async>
      <p class="hint">{tr("w.board.hint")}</p>
    </Card>
  );
}

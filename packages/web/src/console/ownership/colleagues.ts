import { answer } from "../../lib/api.ts";
import { term, tr } from "../../lib/i18n.ts";
import { useQuery } from "../../lib/query.ts";
import { staffApi, staffSession } from "../../lib/session.ts";

/** The branch's active staff (name and role), read once a minute; names staff ids in hand-overs and cases. */
export function useColleagues() {
  const q = useQuery("colleagues", () => answer(staffApi.console.colleagues.$get()), { staleMs: 60_000 });
  const items = q.data?.items ?? [];
  const me = staffSession()?.staff.id;
  /** "王芳(客服接待员)", "我" for oneself, the raw id when unknown (left the branch). */
  const nameOf = (id: string | null | undefined) => {
    if (!id) return "—";
    if (id === me) return tr("w.req.me");
    const c = items.find((x) => x.id === id);
    return c ? `${c.name}(${term("role", c.role)})` : id;
  };
  /** The same, but oneself by name too: for what goes on paper. */
  const fullNameOf = (id: string | null | undefined) => {
    const c = id ? items.find((x) => x.id === id) : undefined;
    return c ? `${c.name}(${term("role", c.role)})` : nameOf(id);
  };
  return { q, items, nameOf, fullNameOf };
}

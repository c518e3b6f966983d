import { answer, api } from "../lib/api.ts";
import { fmtDateTime, tr } from "../lib/i18n.ts";
import { useQuery } from "../lib/query.ts";
import { Async, Card } from "../ui/kit.tsx";

/** The forum meetings (恳谈会) the branch published: minutes, every point raised and its reply. */
export function ForumMinutes({ branch }: { branch: string }) {
  const q = useQuery(`forum:${branch}`, () => answer(api.public.branches[":branch"].forum.$get({ param: { branch } })), {
    staleMs: 60_000,
  });
  if (q.data && !q.data.items.length) return null;
  return (
    <Card title={tr("w.fd.forum.title")} id="forum-minutes">
      <Async q={q}>
        {(d) =>
          d.items.map((m) => (
            <details key={m.id} data-meeting={m.id}>
              <summary>
                {fmtDateTime(m.heldAt)} · {tr("w.fd.forum.attendeesN", { n: m.attendees })}
              </summary>
              <p class="pre">{m.minutes}</p>
              {m.points.map((p) => (
                <div class="point" key={p.id}>
                  <div>{p.text}</div>
                  <p class="reply">{p.reply ?? tr("w.fd.forum.noReplyYet")}</p>
                </div>
              ))}
            </details>
          ))
        }
      </Async>
    </Card>
  );
}

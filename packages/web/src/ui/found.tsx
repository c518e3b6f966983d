import type { ComponentChildren } from "preact";
import { ApiError } from "../lib/api.ts";
import { tr } from "../lib/i18n.ts";
import { Async } from "./kit.tsx";

/**
 * One object's page under its list: the way back, then the object. A 404 (it does not exist, or belongs to another
 * branch: the API answers both alike) is a "not found" screen; anything else is loading, or the error with a retry.
 */
export function Found<T>({
  q,
  back,
  children,
}: {
  q: { data: T | undefined; error: unknown; loading: boolean; refetch(): Promise<void> };
  back: { href: string; label: string };
  children: (data: T) => ComponentChildren;
}) {
  const missing = q.data === undefined && q.error instanceof ApiError && q.error.status === 404;
  return (
    <>
      <p class="back no-print">
        <a href={back.href}>← {back.label}</a>
      </p>
      {missing ? (
        <section class="card not-found" id="not-found" role="alert">
          <h2>{tr("w.detail.notFound")}</h2>
          <p>{tr("w.detail.notFoundWhy")}</p>
        </section>
      ) : (
        <Async q={q}>{children}</Async>
      )}
    </>
  );
}

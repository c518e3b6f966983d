import type { ClientResponse } from "hono/client";
import { useState } from "preact/hooks";
import { apiHref, download } from "../lib/api.ts";
import { errorText } from "../lib/form.ts";
import { tr } from "../lib/i18n.ts";

/** A route's rows as CSV (`format: "csv"` in `args`), fetched with the staff token, which a plain link cannot carry. */
export function Csv<A>({
  endpoint,
  args,
  name,
}: {
  endpoint: { $get(args: A): Promise<ClientResponse<unknown, number, string>>; $path(args: A): string };
  args: A;
  name: string;
}) {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <a
        href={apiHref(endpoint.$path(args))}
        class="csv"
        data-csv={name}
        onClick={(e) => {
          e.preventDefault();
          setError(null);
          download(endpoint.$get(args), `${name}.csv`).catch((err) => setError(errorText(err)));
        }}
      >
        {tr("w.hq.csv")}
      </a>
      {error && <span class="error"> {error}</span>}
    </>
  );
}

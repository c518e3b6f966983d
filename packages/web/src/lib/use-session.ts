import { useEffect, useState } from "preact/hooks";
import { onSessionChange, sessionRestoring, staffSession } from "./session.ts";

export function useStaffSession() {
  const [, tick] = useState(0);
  const rendered = { session: staffSession(), restoring: sessionRestoring() };
  useEffect(() => {
    const off = onSessionChange(() => tick((n) => n + 1));
    // The session may have settled between the first render and this effect (a fast refresh answer while the
    // page's chunks load): that change was told to no one, so render again, or the page waits on "loading" forever.
    if (staffSession() !== rendered.session || sessionRestoring() !== rendered.restoring) tick((n) => n + 1);
    return off;
  }, []);
  return rendered.session;
}

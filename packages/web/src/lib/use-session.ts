import { useEffect, useState } from "preact/hooks";
import { onSessionChange, staffSession } from "./session.ts";

export function useStaffSession() {
  const [, tick] = useState(0);
  useEffect(() => onSessionChange(() => tick((n) => n + 1)), []);
  return staffSession();
}

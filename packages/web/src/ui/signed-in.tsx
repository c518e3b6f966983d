import { term, tr } from "../lib/i18n.ts";
import { logout, type StaffSession } from "../lib/session.ts";

/** Who is signed in (name · role) and the sign-out button, at the end of a staff area's nav. */
export function SignedInAs({ session }: { session: StaffSession }) {
  return (
    <>
      <span class="hint">
        {session.staff.name} · {term("role", session.staff.role)}
      </span>
      <button type="button" class="ghost" onClick={() => void logout()}>
        {tr("web.logout")}
      </button>
    </>
  );
}

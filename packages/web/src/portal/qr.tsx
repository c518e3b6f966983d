import type { BranchProfile } from "../api/types.ts";
import { answer, api } from "../lib/api.ts";
import { useQuery } from "../lib/query.ts";
import { Async } from "../ui/kit.tsx";
import { RequestForm } from "./request-form.tsx";

/** /b/{branch}/qr/{place}: a QR poster's link; the repair form opens with the building or public area filled in. */
export function QrRequest({ branch, profile, placeId }: { branch: string; profile: BranchProfile; placeId: string }) {
  const place = useQuery(`place:${branch}:${placeId}`, () =>
    answer(api.public.branches[":branch"].places[":id"].$get({ param: { branch, id: placeId } })),
  );
  return <Async q={place}>{(p) => <RequestForm branch={branch} profile={profile} kind="repair" place={p} />}</Async>;
}

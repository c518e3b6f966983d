import { answer, api, rawBody } from "./api.ts";
import { staffApi } from "./session.ts";

/** A photo or drawn signature uploaded from the portal (a resident, no account): its id goes with the request or step. */
export const uploadPortalPhoto = (branch: string, blob: Blob) =>
  answer(api.public.branches[":branch"].attachments.$post({ param: { branch } }, rawBody(blob))).then((a) => a.data);

/** The same from the console (a technician's before / after photo, a signature drawn on their phone). */
export const uploadStaffPhoto = (blob: Blob) => answer(staffApi.console.attachments.$post({}, rawBody(blob))).then((a) => a.data);

/** A staff member's photo: fetched with their token (an <img> cannot send it), shown from a blob: URL. */
export const loadStaffPhoto = (p: { id: string }) =>
  staffApi.attachments[":id"].$get({ param: { id: p.id } }, { headers: { accept: "image/*" } }).then((r) => r.blob());

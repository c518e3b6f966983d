import type { RequestDetail } from "../api/types.ts";
import { fmtDateTime, tr } from "../lib/i18n.ts";
import { loadStaffPhoto } from "../lib/uploads.ts";
import { Photos } from "../ui/photos.tsx";

interface Record {
  replyDraft?: { text: string; at: number };
  returnedDrafts?: Array<{ comment: string }>;
  demand?: string;
  nature?: string;
  review?: { item: string };
}

/**
 * What a decision is about, on screen beside it: the supervisor approving a written reply reads the draft and the
 * complaint; the engineering supervisor reviewing a non-standard repair sees the item, the description and the photos.
 */
export function ApprovalContext({
  step,
  record,
  request,
}: {
  step: string;
  record: globalThis.Record<string, unknown>;
  request: RequestDetail;
}) {
  const r = record as Record;
  if (step === "approve-reply" || step === "return-reply") {
    const returned = r.returnedDrafts?.at(-1);
    return (
      <section class="approval-context" id="approval-context" data-for={step}>
        <h4>{tr("w.approve.draft")}</h4>
        {r.replyDraft ? (
          <>
            <blockquote class="pre" id="reply-draft">
              {r.replyDraft.text}
            </blockquote>
            <p class="hint">{tr("w.approve.draftBy", { at: fmtDateTime(r.replyDraft.at) })}</p>
          </>
        ) : (
          <p class="hint">{tr("w.approve.noDraft")}</p>
        )}
        {returned && <p class="hint">{tr("w.approve.returned", { comment: returned.comment })}</p>}
        <h4>{tr("w.approve.complaint")}</h4>
        <blockquote class="pre" id="complaint-text">
          {request.description}
        </blockquote>
        {r.demand && (
          <p>
            {tr("w.approve.demand")}:{r.demand}
          </p>
        )}
      </section>
    );
  }
  if (step === "review") {
    const photos = (request.attachments ?? []).filter((a) => a.purpose === "photo");
    return (
      <section class="approval-context" id="approval-context" data-for={step}>
        <h4>{tr("w.approve.item")}</h4>
        <p id="review-item">
          <strong>{r.review?.item ?? "—"}</strong>
        </p>
        <h4>{tr("w.approve.description")}</h4>
        <blockquote class="pre">{request.description}</blockquote>
        <h4>{tr("w.approve.photos")}</h4>
        {photos.length ? <Photos items={photos} load={loadStaffPhoto} /> : <p class="hint">{tr("w.approve.noPhotos")}</p>}
      </section>
    );
  }
  return null;
}

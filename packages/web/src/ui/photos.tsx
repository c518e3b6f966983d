import { useEffect, useState } from "preact/hooks";
import { tr } from "../lib/i18n.ts";

/** A photo as the API lists it (`attachments: [{id, url, contentType}]`), with what it shows. */
export interface PhotoRef {
  id: string;
  url: string;
  contentType: string;
  purpose?: string;
  step?: string | null;
}

/** Which group of the work order a photo belongs to: with the request, before, after, or the signature. */
export function photoGroup(p: PhotoRef): "intake" | "before" | "after" | "signature" {
  if (p.purpose === "signature") return "signature";
  if (p.step === "arrive") return "before";
  if (p.step === "complete-work") return "after";
  return "intake";
}

/**
 * The image's address. The resident's `url` carries the tracking code and works in an <img> as it is; staff fetch
 * theirs with the bearer token (`load`), which an <img> cannot send, and show the bytes from a blob: URL.
 */
function usePhotoSrc(p: PhotoRef, load: ((p: PhotoRef) => Promise<Blob>) | undefined) {
  const [src, setSrc] = useState<string | null>(load ? null : p.url);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!load) return;
    let url: string | null = null;
    let live = true;
    load(p)
      .then((blob) => {
        url = URL.createObjectURL(blob);
        if (live) setSrc(url);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [p.id]);
  return { src, failed };
}

function Thumb({ p, n, load, onOpen }: { p: PhotoRef; n: number; load?: (p: PhotoRef) => Promise<Blob>; onOpen(src: string): void }) {
  const { src, failed } = usePhotoSrc(p, load);
  if (failed) return <span class="thumb failed">{tr("w.photos.failed")}</span>;
  return (
    <button type="button" class="thumb" data-photo={p.id} aria-label={tr("w.photos.open", { n })} onClick={() => src && onOpen(src)}>
      {src ? <img src={src} alt={tr("w.photos.open", { n })} loading="lazy" /> : <span class="hint">{tr("w.photos.loading")}</span>}
    </button>
  );
}

/** Thumbnails that open full size; `load` fetches a staff member's photo with their token. */
export function Photos({
  items,
  load,
  title,
  wide,
}: {
  items: PhotoRef[];
  load?: (p: PhotoRef) => Promise<Blob>;
  title?: string;
  /** A signature: shown whole, wider than high. */
  wide?: boolean;
}) {
  const [full, setFull] = useState<string | null>(null);
  if (!items.length) return null;
  return (
    <figure class={wide ? "photo-set wide" : "photo-set"}>
      {title && <figcaption>{title}</figcaption>}
      <div class="thumbs">
        {items.map((p, i) => (
          <Thumb key={p.id} p={p} n={i + 1} {...(load ? { load } : {})} onOpen={setFull} />
        ))}
      </div>
      {full && (
        <div class="photo-full" role="dialog" aria-modal="true" aria-label={tr("w.photos.title")}>
          <img src={full} alt={tr("w.photos.title")} />
          <button type="button" class="primary" onClick={() => setFull(null)} autoFocus>
            {tr("w.photos.close")}
          </button>
        </div>
      )}
    </figure>
  );
}

/** A request's photos grouped as the work order shows them: with the request, before, after, and the signature. */
export function WorkOrderPhotos({ items, load }: { items: PhotoRef[]; load?: (p: PhotoRef) => Promise<Blob> }) {
  const groups = (["intake", "before", "after", "signature"] as const).map((g) => ({ g, list: items.filter((p) => photoGroup(p) === g) }));
  return (
    <div class="work-order-photos" id="photos">
      {groups.map(({ g, list }) => (
        <Photos key={g} items={list} title={tr(`w.photos.${g}`)} wide={g === "signature"} {...(load ? { load } : {})} />
      ))}
    </div>
  );
}

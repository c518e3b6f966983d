import { useState } from "preact/hooks";
import { errorText } from "../lib/form.ts";
import { tr } from "../lib/i18n.ts";
import { compressPhoto } from "../portal/photos.ts";
import { Field } from "./kit.tsx";

interface Photo {
  key: string;
  url: string;
  size: number;
  state: "uploading" | "done" | "failed";
  id?: string;
  error?: string;
}

export const MAX_PHOTOS = 6;

/** What the form needs to know: the uploaded ids, and whether any is still on its way. */
export interface PhotoUploads {
  ids: string[];
  busy: boolean;
}

/**
 * Photos taken or chosen on the phone, shrunk and re-encoded here (no trailing bytes, no location data), uploaded
 * one by one with `upload` (the portal's or the console's route); the form sends the ids with its request or step.
 */
export function PhotoUpload({
  id,
  label,
  hint,
  error,
  upload,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  upload(blob: Blob): Promise<{ id: string }>;
  onChange(state: PhotoUploads): void;
}) {
  const [photos, setPhotos] = useState<Photo[]>([]);
  const update = (fn: (p: Photo[]) => Photo[]) =>
    setPhotos((p) => {
      const next = fn(p);
      onChange({ ids: next.filter((x) => x.id).map((x) => x.id!), busy: next.some((x) => x.state === "uploading") });
      return next;
    });

  async function addPhotos(files: FileList | null) {
    if (!files) return;
    for (const file of [...files].slice(0, MAX_PHOTOS - photos.length)) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      let blob: Blob;
      try {
        blob = await compressPhoto(file);
      } catch {
        update((p) => [...p, { key, url: "", size: file.size, state: "failed", error: tr("w.photo.unreadable") }]);
        continue;
      }
      const url = URL.createObjectURL(blob);
      update((p) => [...p, { key, url, size: blob.size, state: "uploading" }]);
      try {
        const stored = await upload(blob);
        update((p) => p.map((x) => (x.key === key ? { ...x, state: "done", id: stored.id } : x)));
      } catch (err) {
        update((p) => p.map((x) => (x.key === key ? { ...x, state: "failed", error: errorText(err) } : x)));
      }
    }
  }

  return (
    <>
      <Field id={id} label={label} hint={hint} error={error}>
        {(fid, d) => (
          <input
            id={fid}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/*"
            multiple
            disabled={photos.length >= MAX_PHOTOS}
            aria-describedby={d}
            onChange={(e) => {
              const input = e.currentTarget;
              void addPhotos(input.files).then(() => (input.value = ""));
            }}
          />
        )}
      </Field>
      {photos.length > 0 && (
        <ul class="photos" aria-live="polite">
          {photos.map((p) => (
            <li key={p.key} data-state={p.state}>
              {p.url && <img src={p.url} alt={tr("w.photo.alt")} />}
              <span class="hint">
                {p.state === "uploading"
                  ? tr("w.photo.uploading")
                  : p.state === "done"
                    ? tr("w.photo.done", { kb: Math.round(p.size / 1024) })
                    : p.error}
              </span>
              <button type="button" class="link" onClick={() => update((all) => all.filter((x) => x.key !== p.key))}>
                {tr("w.photo.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

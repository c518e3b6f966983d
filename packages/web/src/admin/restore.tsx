import { useState } from "preact/hooks";
import { answer } from "../lib/api.ts";
import { errorText } from "../lib/form.ts";
import { tr } from "../lib/i18n.ts";
import { staffApi } from "../lib/session.ts";
import { Card, ErrorBox, TextField } from "../ui/kit.tsx";
import { type Notice, refreshAdmin } from "./queries.ts";

/** Upload a branch export: it becomes a new branch with a new database. */
export function RestoreCard({ onRestored }: { onRestored(id: string, message: Notice): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [slug, setSlug] = useState("");
  const [prefix, setPrefix] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    if (!file) return setError(tr("w.form.required"));
    setError(null);
    setBusy(true);
    try {
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(await file.text());
      } catch {
        throw tr("w.admin.restore.badFile");
      }
      const query = { ...(slug.trim() ? { slug: slug.trim() } : {}), ...(prefix.trim() ? { trackingPrefix: prefix.trim() } : {}) };
      const { data } = await answer(staffApi.admin.branches.restore.$post({ query, json }));
      refreshAdmin();
      onRestored(data.id, { key: "w.admin.restore.done", params: { slug: data.slug } });
    } catch (err) {
      setError(typeof err === "string" ? err : errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={tr("w.admin.restore")} id="restore">
      <p class="hint">{tr("w.admin.restore.hint")}</p>
      <form class="form-grid" onSubmit={submit}>
        <div class="field">
          <label for="restore-file">{tr("w.admin.restore.file")}</label>
          <input
            id="restore-file"
            type="file"
            accept="application/json,.json"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <TextField id="restore-slug" label={tr("w.admin.field.slug")} value={slug} onValue={setSlug} />
        <TextField id="restore-prefix" label={tr("w.admin.field.trackingPrefix")} value={prefix} onValue={setPrefix} />
        <div class="form-actions">
          <button type="submit" disabled={busy}>
            {tr("w.admin.restore.go")}
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
    </Card>
  );
}

import { useState } from "preact/hooks";
import { answer, download } from "../lib/api.ts";
import { errorText } from "../lib/form.ts";
import { fmtDateTime, tr } from "../lib/i18n.ts";
import { staffApi } from "../lib/session.ts";
import { Badge, Card, ErrorBox, Select, TextField } from "../ui/kit.tsx";
import { type BranchItem, type RegionItem, type Notice, refreshAdmin } from "./queries.ts";

/** One branch's administration: rename, move, suspend / resume, export, delete (typed confirmation). */
export function BranchPanel({
  branch,
  regions,
  onDeleted,
}: {
  branch: BranchItem;
  regions: RegionItem[];
  onDeleted(message: Notice): void;
}) {
  const [name, setName] = useState(branch.name);
  const [nameEn, setNameEn] = useState(branch.nameEn);
  const [regionId, setRegionId] = useState(branch.regionId ?? "");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const param = { id: branch.id };
  const run = async (call: () => Promise<unknown>, message?: string) => {
    setError(null);
    setDone(null);
    try {
      await call();
      refreshAdmin();
      if (message) setDone(message);
      return true;
    } catch (err) {
      setError(errorText(err));
      return false;
    }
  };
  const suspended = branch.status === "suspended";
  return (
    <Card title={`${branch.name} · ${branch.slug}`} id="branch-panel">
      <p>
        <Badge tone={suspended ? "bad" : "ok"}>{tr(`w.admin.status.${branch.status}`)}</Badge>{" "}
        {suspended && <span class="hint">{tr("w.admin.suspendedSince", { at: fmtDateTime(branch.suspendedAt) })}</span>}
      </p>
      <div class="panel-grid">
        <form
          class="form-grid"
          id="rename-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => answer(staffApi.admin.branches[":id"].rename.$post({ param, json: { name, nameEn } })), tr("w.admin.renamed"));
          }}
        >
          <TextField id="rename-name" label={tr("w.admin.field.name")} value={name} onValue={setName} />
          <TextField id="rename-nameEn" label={tr("w.admin.field.nameEn")} value={nameEn} onValue={setNameEn} />
          <button type="submit">{tr("w.admin.rename")}</button>
        </form>
        <form
          class="form-grid"
          id="move-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => answer(staffApi.admin.branches[":id"].move.$post({ param, json: { regionId: regionId || null } })),
              tr("w.admin.moved"),
            );
          }}
        >
          <Select
            id="move-region"
            label={tr("w.admin.field.regionId")}
            value={regionId}
            onValue={setRegionId}
            placeholder={tr("w.admin.region.none")}
            options={regions.map((r) => ({ value: r.id, label: r.name }))}
          />
          <button type="submit">{tr("w.admin.move")}</button>
        </form>
        <div class="form-grid">
          <p class="hint">{tr("w.admin.suspend.hint")}</p>
          {suspended ? (
            <button
              type="button"
              id="resume"
              class="primary"
              onClick={() => void run(() => answer(staffApi.admin.branches[":id"].resume.$post({ param })))}
            >
              {tr("w.admin.resume")}
            </button>
          ) : (
            <button
              type="button"
              id="suspend"
              onClick={() => void run(() => answer(staffApi.admin.branches[":id"].suspend.$post({ param })))}
            >
              {tr("w.admin.suspend")}
            </button>
          )}
          <p class="hint">{tr("w.admin.export.hint")}</p>
          <button
            type="button"
            id="export"
            onClick={() => void run(() => download(staffApi.admin.branches[":id"].export.$get({ param }), `branch-${branch.slug}.json`))}
          >
            {tr("w.admin.export")}
          </button>
        </div>
        <form
          class="form-grid danger-zone"
          id="delete-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => staffApi.admin.branches[":id"].$delete({ param, json: { confirm } })).then(
              (ok) => ok && onDeleted({ key: "w.admin.deleted", params: { slug: branch.slug } }),
            );
          }}
        >
          <p class="hint">{tr("w.admin.delete.hint", { slug: branch.slug })}</p>
          <TextField id="delete-confirm" label={tr("w.admin.delete.confirm")} value={confirm} onValue={setConfirm} />
          <button type="submit" class="danger" disabled={confirm !== branch.slug}>
            {tr("w.admin.delete")}
          </button>
        </form>
      </div>
      {done && (
        <p class="ok-text" role="status">
          {done}
        </p>
      )}
      <ErrorBox error={error} />
    </Card>
  );
}

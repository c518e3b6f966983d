import { useState } from "preact/hooks";
import { answer, type Output } from "../../lib/api.ts";
import { errorText } from "../../lib/form.ts";
import { type TextKey, tr } from "../../lib/i18n.ts";
import { invalidate } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { ErrorBox, Select } from "../../ui/kit.tsx";
import { PLACES_KEY } from "./place-form.tsx";
import { readSheet } from "./sheet.ts";

type Report = Output<(typeof staffApi)["console"]["places"]["import"]["$post"]>;
// The spreadsheet's own column names (the sheet is written in Chinese), as the manager sees them in the file.
const COLUMN: Record<string, string> = {
  building: "楼栋",
  entrance: "单元",
  number: "房号",
  area: "面积",
  ownerName: "业主姓名",
  phone: "电话",
  community: "小区",
};
const fieldName = (field: string) => (field === "header" ? tr("w.import.header") : (COLUMN[field] ?? field));

/**
 * Import: check first (a dry run naming the line and field of every error), then import. All or nothing: a
 * sheet with bad rows is not imported until they are fixed, so the estate never holds half a building and the
 * manager fixes one file instead of reconciling what got in; a repeat import changes nothing twice.
 */
export function ImportCard({ communities }: { communities: Array<{ id: string; name: string }> }) {
  const [communityId, setCommunityId] = useState(communities[0]?.id ?? "");
  const [rows, setRows] = useState<string[][] | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [done, setDone] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function run(dryRun: boolean, sheet = rows) {
    if (!sheet) return;
    setBusy(true);
    setError(null);
    try {
      const json = { rows: sheet, dryRun, ...(communityId ? { communityId } : {}) };
      const { data } = await answer(staffApi.console.places.import.$post({ json }));
      if (dryRun) setReport(data);
      else {
        setDone(data);
        setReport(null);
        invalidate(PLACES_KEY);
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  async function pick(files: FileList | null) {
    const file = files?.[0];
    setReport(null);
    setDone(null);
    if (!file) return;
    try {
      const sheet = await readSheet(file);
      setRows(sheet);
      await run(true, sheet);
    } catch {
      setError(tr("w.import.unreadable"));
    }
  }
  return (
    <section class="card" id="import">
      <h2>{tr("w.import.title")}</h2>
      <p class="hint">{tr("w.import.hint")}</p>
      {communities.length > 0 && (
        <Select
          id="import-community"
          label={tr("w.import.into")}
          value={communityId}
          onValue={setCommunityId}
          options={communities.map((c) => ({ value: c.id, label: c.name }))}
        />
      )}
      <label class="field">
        <span>{tr("w.import.file")}</span>
        <input id="import-file" type="file" accept=".xlsx,.csv,text/csv" onChange={(e) => void pick(e.currentTarget.files)} />
      </label>
      {rows && (
        <button type="button" class="secondary" disabled={busy} onClick={() => void run(true)}>
          {tr("w.import.check")}
        </button>
      )}
      <ErrorBox error={error} />
      {report && report.errors.length > 0 && (
        <div id="import-errors" role="alert">
          <p class="error">{tr("w.import.errors", { n: report.errors.length })}</p>
          <ul>
            {report.errors.map((e) => (
              <li key={e.path}>
                {tr("w.import.line", { line: e.line, field: fieldName(e.field) })}:
                {tr(`w.import.err.${e.code}` as TextKey, { value: e.value })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {report && report.errors.length === 0 && (
        <div id="import-ok">
          <p role="status">
            {tr("w.import.ok", { rows: report.rows, created: report.unitsCreated, updated: report.unitsUpdated, owners: report.owners })}
          </p>
          <button type="button" class="primary" id="import-run" disabled={busy} onClick={() => void run(false)}>
            {tr("w.import.run", { n: report.rows })}
          </button>
        </div>
      )}
      {done && (
        <p role="status" id="import-done">
          {tr("w.import.done", { created: done.unitsCreated, updated: done.unitsUpdated, owners: done.owners })}
        </p>
      )}
    </section>
  );
}

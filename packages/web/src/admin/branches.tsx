import { useState } from "preact/hooks";
import { tr } from "../lib/i18n.ts";
import { navigate } from "../lib/router.ts";
import { Async, Badge, Card } from "../ui/kit.tsx";
import { BranchForm } from "./branch-form.tsx";
import { BranchPanel } from "./branch-panel.tsx";
import { type BranchItem, type Notice, type RegionItem, useBranches, useRegions } from "./queries.ts";
import { RegionsCard } from "./regions.tsx";
import { RestoreCard } from "./restore.tsx";

function BranchTable({ branches, regions, selected }: { branches: BranchItem[]; regions: RegionItem[]; selected: string | undefined }) {
  const regionName = (id: string | null) => regions.find((r) => r.id === id)?.name ?? tr("w.admin.region.none");
  return (
    <div class="table-wrap">
      <table id="branch-table">
        <thead>
          <tr>
            <th scope="col">{tr("w.admin.branches")}</th>
            <th scope="col">{tr("w.admin.field.slug")}</th>
            <th scope="col">{tr("w.admin.field.trackingPrefix")}</th>
            <th scope="col">{tr("w.admin.field.regionId")}</th>
            <th scope="col" class="num">
              {tr("w.admin.branch.units")}
            </th>
            <th scope="col">{tr("w.admin.branch.status")}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {branches.map((b) => (
            <tr key={b.id} data-branch={b.slug} aria-selected={b.id === selected}>
              <td>
                {b.name}
                <div class="hint">{b.nameEn}</div>
              </td>
              <td>
                <code>{b.slug}</code>
              </td>
              <td>{b.trackingPrefix}</td>
              <td>{regionName(b.regionId)}</td>
              <td class="num">{b.unitCount}</td>
              <td>
                <Badge tone={b.status === "suspended" ? "bad" : "ok"}>{tr(`w.admin.status.${b.status}`)}</Badge>
              </td>
              <td>
                <span class="row-actions">
                  <a href={`/b/${b.slug}`} target="_blank" rel="noopener">
                    {tr("w.admin.branch.portal")}
                  </a>
                  <a href={`/admin/branches/${b.id}`} data-manage={b.slug}>
                    {tr("w.admin.branch.manage")}
                  </a>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /admin/branches[/{id}]: regions beside the branches; a branch's actions open below the table. */
export function BranchesPage({ rest }: { rest: string }) {
  const regions = useRegions();
  const branches = useBranches();
  const [mode, setMode] = useState<"create" | "restore" | null>(null);
  // Kept as key and values, so it follows a language switch.
  const [message, setMessage] = useState<Notice | null>(null);
  const selected = /^\/([^/]+)$/.exec(rest)?.[1];
  const opened = (id: string, text: Notice) => {
    setMode(null);
    setMessage(text);
    navigate(`/admin/branches/${id}`);
  };
  return (
    <Async q={regions}>
      {(r) => (
        <div class="admin-grid">
          <RegionsCard regions={r.items} />
          <div>
            <Card title={tr("w.admin.branches")} id="branches">
              <div class="toolbar">
                <button
                  type="button"
                  id="new-branch"
                  aria-pressed={mode === "create"}
                  onClick={() => setMode(mode === "create" ? null : "create")}
                >
                  {tr("w.admin.branch.new")}
                </button>
                <button
                  type="button"
                  id="open-restore"
                  aria-pressed={mode === "restore"}
                  onClick={() => setMode(mode === "restore" ? null : "restore")}
                >
                  {tr("w.admin.restore")}
                </button>
              </div>
              {message && (
                <p class="ok-text" role="status" id="admin-message">
                  {tr(message.key, message.params)}
                </p>
              )}
              <Async q={branches}>{(b) => <BranchTable branches={b.items} regions={r.items} selected={selected} />}</Async>
            </Card>
            {mode === "create" && <BranchForm regions={r.items} onCreated={opened} />}
            {mode === "restore" && <RestoreCard onRestored={opened} />}
            {selected && branches.data && (
              <SelectedBranch
                branch={branches.data.items.find((b) => b.id === selected)}
                regions={r.items}
                onDeleted={(text) => {
                  setMessage(text);
                  navigate("/admin/branches");
                }}
              />
            )}
          </div>
        </div>
      )}
    </Async>
  );
}

function SelectedBranch({
  branch,
  regions,
  onDeleted,
}: {
  branch: BranchItem | undefined;
  regions: RegionItem[];
  onDeleted(text: Notice): void;
}) {
  if (!branch) return null;
  return <BranchPanel key={branch.id} branch={branch} regions={regions} onDeleted={onDeleted} />;
}

import { useState } from "preact/hooks";
import { tr } from "../../lib/i18n.ts";
import { PlaceForm, type Places } from "./place-form.tsx";

type Building = Places["buildings"][number];
type Unit = Places["units"][number];

/** Which one form is open on the page: `edit:<id>` or `add-unit:<building id>`; null: none. */
export interface Editing {
  editing: string | null;
  setEditing(key: string | null): void;
}

const byNumber = (a: Unit, b: Unit) => a.number.localeCompare(b.number, "zh-CN", { numeric: true });

/** Units by entrance (单元), each entrance's doors in number order: a line of doors per entrance. */
function entrances(units: Unit[]): Array<[string, Unit[]]> {
  const groups = new Map<string, Unit[]>();
  for (const u of units) groups.set(u.entrance ?? "", [...(groups.get(u.entrance ?? "") ?? []), u]);
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b, "zh-CN", { numeric: true }))
    .map(([entrance, doors]) => [entrance, doors.sort(byNumber)]);
}

export const EditButton = ({ id, ed }: { id: string; ed: Editing }) => (
  <button
    type="button"
    class="link"
    data-action="edit"
    aria-expanded={ed.editing === `edit:${id}`}
    onClick={() => ed.setEditing(`edit:${id}`)}
  >
    {tr("w.places.change")}
  </button>
);

/**
 * A building: its name, QR poster, rename and delete on one line; its units folded under it (a branch has
 * hundreds), shown as a grid of doors when opened, each changed in place, with a form to add one more.
 */
export function BuildingRow({ building: b, places, ed, onRemove }: { building: Building; places: Places; ed: Editing; onRemove(): void }) {
  const units = places.units.filter((u) => u.buildingId === b.id);
  const close = () => ed.setEditing(null);
  const adding = ed.editing === `add-unit:${b.id}`;
  // Folded until opened; a form inside keeps it open.
  const [open, setOpen] = useState(false);
  return (
    <li class="building" data-building={b.name} data-id={b.id}>
      {ed.editing === `edit:${b.id}` ? (
        <PlaceForm kind="buildings" places={places} place={b} id={`edit-${b.id}`} onDone={close} onCancel={close} />
      ) : (
        <div class="place-row">
          <strong>{b.name}</strong>
          <span class="row-actions">
            <a href={`/console/poster/${b.id}`} target="_blank" rel="noopener" class="poster-link">
              {tr("w.places.poster")}
            </a>
            <EditButton id={b.id} ed={ed} />
            <button type="button" class="link danger" data-action="delete" onClick={onRemove}>
              {tr("w.places.delete")}
            </button>
          </span>
        </div>
      )}
      <details
        class="units"
        open={open || adding || units.some((u) => ed.editing === `edit:${u.id}`)}
        onToggle={(e) => setOpen(e.currentTarget.open)}
      >
        <summary>{tr("w.places.units", { n: units.length })}</summary>
        {entrances(units).map(([entrance, doors]) => (
          <div class="entrance" key={entrance} data-entrance={entrance}>
            <span class="entrance-name">{entrance}</span>
            <ul class="unit-grid">
              {doors.map((u) =>
                ed.editing === `edit:${u.id}` ? (
                  <li key={u.id} class="editing" data-unit={u.number}>
                    <PlaceForm kind="units" places={places} place={u} id={`edit-${u.id}`} onDone={close} onCancel={close} />
                  </li>
                ) : (
                  <li key={u.id} data-unit={u.number} data-id={u.id}>
                    <button
                      type="button"
                      class="unit-chip"
                      data-action="edit"
                      aria-label={`${tr("w.places.change")} ${entrance} ${u.number}`}
                      onClick={() => ed.setEditing(`edit:${u.id}`)}
                    >
                      <strong>{u.number}</strong>{" "}
                      <small>{u.area == null ? tr("w.places.noArea") : tr("w.places.sqm", { area: u.area })}</small>
                    </button>
                  </li>
                ),
              )}
            </ul>
          </div>
        ))}
        {adding ? (
          <PlaceForm kind="units" places={places} defaults={{ buildingId: b.id }} id={`add-unit-${b.id}`} onCancel={close} />
        ) : (
          <button type="button" class="ghost" data-action="add-unit" onClick={() => ed.setEditing(`add-unit:${b.id}`)}>
            {tr("w.places.add.units")}
          </button>
        )}
      </details>
    </li>
  );
}

import { useState } from "preact/hooks";
import { answer, ifMatch } from "../../lib/api.ts";
import { errorText } from "../../lib/form.ts";
import { type TextKey, tr } from "../../lib/i18n.ts";
import { invalidate, useQuery } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { Async, ErrorBox } from "../../ui/kit.tsx";
import { BuildingRow, EditButton, type Editing } from "./building-row.tsx";
import { ImportCard } from "./import-card.tsx";
import { loadPlaces, PlaceForm, type Places, PLACES_KEY } from "./place-form.tsx";

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "zh-CN", { numeric: true });
const kindName = (k: string) => tr(`w.places.kind.${k}` as TextKey);

/** A community: renamed in place; its buildings (units folded under each) and its public areas. */
function CommunityCard({
  community: c,
  places: p,
  ed,
  remove,
}: {
  community: Places["communities"][number];
  places: Places;
  ed: Editing;
  remove(kind: "buildings" | "public-areas", id: string, version: number): void;
}) {
  const close = () => ed.setEditing(null);
  return (
    <section class="card community" id={`community-${c.id}`} data-community={c.name}>
      {ed.editing === `edit:${c.id}` ? (
        <PlaceForm kind="communities" places={p} place={c} id={`edit-${c.id}`} onDone={close} onCancel={close} />
      ) : (
        <h2 class="place-row">
          <span>{c.name}</span>
          <EditButton id={c.id} ed={ed} />
        </h2>
      )}
      <h3>{tr("w.places.buildings")}</h3>
      <ul class="place-tree">
        {p.buildings
          .filter((b) => b.communityId === c.id)
          .sort(byName)
          .map((b) => (
            <BuildingRow key={b.id} building={b} places={p} ed={ed} onRemove={() => remove("buildings", b.id, b.version)} />
          ))}
      </ul>
      <h3>{tr("w.places.publicAreas")}</h3>
      {!p.publicAreas.some((a) => a.communityId === c.id) && <p class="hint">{tr("w.places.noAreas")}</p>}
      <ul class="place-tree">
        {p.publicAreas
          .filter((a) => a.communityId === c.id)
          .map((a) =>
            ed.editing === `edit:${a.id}` ? (
              <li key={a.id} data-area={a.name}>
                <PlaceForm kind="public-areas" places={p} place={a} id={`edit-${a.id}`} onDone={close} onCancel={close} />
              </li>
            ) : (
              <li key={a.id} data-area={a.name} data-id={a.id} class="place-row">
                <span>
                  {a.name}
                  <small class="hint">({kindName(a.kind)})</small>
                </span>
                <span class="row-actions">
                  <a href={`/console/poster/${a.id}`} target="_blank" rel="noopener" class="poster-link">
                    {tr("w.places.poster")}
                  </a>
                  <EditButton id={a.id} ed={ed} />
                  <button type="button" class="link danger" data-action="delete" onClick={() => remove("public-areas", a.id, a.version)}>
                    {tr("w.places.delete")}
                  </button>
                </span>
              </li>
            ),
          )}
      </ul>
    </section>
  );
}

/** 楼盘: communities → buildings (units folded under each) and public areas; import, posters, add, change, delete. */
export function PlacesPage() {
  const q = useQuery(PLACES_KEY, loadPlaces);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditingKey] = useState<string | null>(null);
  const ed: Editing = {
    editing,
    setEditing: (key) => {
      setError(null);
      setEditingKey(key);
    },
  };
  async function remove(kind: "buildings" | "public-areas", id: string, version: number) {
    setError(null);
    try {
      await answer(staffApi.console.places[kind][":id"].$delete({ param: { id }, header: { "if-match": ifMatch(version) } }));
      invalidate(PLACES_KEY);
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <div class="stack" id="places-page">
      <h1>{tr("w.places.title")}</h1>
      <ErrorBox error={error} />
      <Async q={q}>
        {(p) => (
          <>
            {p.communities.length === 0 && <p class="card">{tr("w.places.empty")}</p>}
            {p.communities.map((c) => (
              <CommunityCard key={c.id} community={c} places={p} ed={ed} remove={(k, id, v) => void remove(k, id, v)} />
            ))}
            <ImportCard communities={p.communities} />
            <div class="grid3">
              <PlaceForm kind="communities" places={p} id="add-community" />
              {p.communities.length > 0 && (
                <PlaceForm kind="buildings" places={p} defaults={{ communityId: p.communities[0]!.id }} id="add-building" />
              )}
              {p.communities.length > 0 && (
                <PlaceForm kind="public-areas" places={p} defaults={{ communityId: p.communities[0]!.id }} id="add-area" />
              )}
            </div>
          </>
        )}
      </Async>
    </div>
  );
}

import { PUBLIC_AREA_KINDS, type PublicAreaKind } from "@wuye/core/places";
import { useState } from "preact/hooks";
import { answer, ifMatch, type Output } from "../../lib/api.ts";
import { errorText, oneOf, serverErrors } from "../../lib/form.ts";
import { type TextKey, tr } from "../../lib/i18n.ts";
import { invalidate, useQuery } from "../../lib/query.ts";
import { staffApi } from "../../lib/session.ts";
import { Async, Card, ErrorBox, Select, TextField } from "../../ui/kit.tsx";
import { ImportCard } from "./import-card.tsx";

type Places = Output<(typeof staffApi)["console"]["places"]["$get"]>;
const kindName = (k: string) => tr(`w.places.kind.${k}` as TextKey);

/** Adds a community, a building or a public area: one small form, the kind chosen by `what`. */
function AddPlace({ places, what }: { places: Places; what: "community" | "building" | "area" }) {
  const [name, setName] = useState("");
  const [communityId, setCommunityId] = useState(places.communities[0]?.id ?? "");
  const [kind, setKind] = useState<PublicAreaKind>("lobby");
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(e: Event) {
    e.preventDefault();
    try {
      const p = staffApi.console.places;
      if (what === "community") await answer(p.communities.$post({ json: { name } }));
      else if (what === "building") await answer(p.buildings.$post({ json: { communityId, name } }));
      else await answer(p["public-areas"].$post({ json: { communityId, kind, name } }));
      setName("");
      setErrors({});
      invalidate("places");
    } catch (err) {
      setErrors(serverErrors(err));
    }
  }
  const title = { community: "w.places.addCommunity", building: "w.places.addBuilding", area: "w.places.addArea" }[what] as TextKey;
  return (
    <form class="card" id={`add-${what}`} onSubmit={submit}>
      <h3>{tr(title)}</h3>
      {what !== "community" && (
        <Select
          label={tr("w.places.community")}
          value={communityId}
          onValue={setCommunityId}
          options={places.communities.map((c) => ({ value: c.id, label: c.name }))}
        />
      )}
      {what === "area" && (
        <Select
          label={tr("w.places.kind")}
          value={kind}
          onValue={(v) => setKind(oneOf(PUBLIC_AREA_KINDS, v, kind))}
          options={PUBLIC_AREA_KINDS.map((k) => ({ value: k, label: kindName(k) }))}
        />
      )}
      <TextField label={tr("w.places.name")} value={name} onValue={setName} error={errors.name} required />
      <ErrorBox error={errors["(body)"] ?? errors.communityId} />
      <button type="submit" class="secondary">
        {tr(title)}
      </button>
    </form>
  );
}

/** 楼盘: communities → buildings (with their units) and public areas; import, posters, add and delete. */
export function PlacesPage() {
  const q = useQuery("places", () => answer(staffApi.console.places.$get()));
  const [error, setError] = useState<unknown>(null);
  async function remove(kind: "buildings" | "public-areas", id: string, version: number) {
    setError(null);
    try {
      await answer(staffApi.console.places[kind][":id"].$delete({ param: { id }, header: { "if-match": ifMatch(version) } }));
      invalidate("places");
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <div class="stack">
      <h1>{tr("w.places.title")}</h1>
      <ErrorBox error={error} />
      <Async q={q}>
        {(p) => (
          <>
            {p.communities.length === 0 && <p class="card">{tr("w.places.empty")}</p>}
            {p.communities.map((c) => (
              <Card key={c.id} title={c.name} id={`community-${c.id}`}>
                <ul class="place-tree">
                  {p.buildings
                    .filter((b) => b.communityId === c.id)
                    .map((b) => (
                      <li key={b.id} data-building={b.name}>
                        <strong>{b.name}</strong> · {tr("w.places.units", { n: p.units.filter((u) => u.buildingId === b.id).length })}{" "}
                        <a href={`/console/poster/${b.id}`} target="_blank" rel="noopener" class="poster-link">
                          {tr("w.places.poster")}
                        </a>{" "}
                        <button type="button" class="link danger" onClick={() => void remove("buildings", b.id, b.version)}>
                          {tr("w.places.delete")}
                        </button>
                      </li>
                    ))}
                </ul>
                <h3>{tr("w.places.publicAreas")}</h3>
                <ul class="place-tree">
                  {p.publicAreas
                    .filter((a) => a.communityId === c.id)
                    .map((a) => (
                      <li key={a.id}>
                        {a.name}({kindName(a.kind)}){" "}
                        <a href={`/console/poster/${a.id}`} target="_blank" rel="noopener" class="poster-link">
                          {tr("w.places.poster")}
                        </a>{" "}
                        <button type="button" class="link danger" onClick={() => void remove("public-areas", a.id, a.version)}>
                          {tr("w.places.delete")}
                        </button>
                      </li>
                    ))}
                </ul>
              </Card>
            ))}
            <ImportCard communities={p.communities} />
            <div class="grid2">
              <AddPlace places={p} what="community" />
              {p.communities.length > 0 && <AddPlace places={p} what="building" />}
              {p.communities.length > 0 && <AddPlace places={p} what="area" />}
            </div>
          </>
        )}
      </Async>
    </div>
  );
}

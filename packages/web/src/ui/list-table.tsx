import type { ComponentChildren } from "preact";
import { type TextKey, tr } from "../lib/i18n.ts";

/** A column head: its text from the catalog (none for a column of buttons); `num` right-aligns figures. */
export type Head = TextKey | { text?: TextKey; num?: boolean };

/** A list as a table (its column heads from the catalog), or a line saying it is empty. */
export function ListTable<T>({
  items,
  heads,
  empty,
  row,
  id,
  class: cls,
}: {
  items: T[];
  heads: Head[];
  empty: string;
  row(item: T): ComponentChildren;
  id?: string;
  class?: string;
}) {
  if (!items.length) return <p class="hint">{empty}</p>;
  return (
    <div class="table-wrap">
      <table id={id} class={cls}>
        <thead>
          <tr>
            {heads.map((h, i) => {
              const head = typeof h === "string" ? { text: h } : h;
              return (
                <th key={head.text ?? i} scope="col" class={head.num ? "num" : undefined}>
                  {head.text ? tr(head.text) : null}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{items.map(row)}</tbody>
      </table>
    </div>
  );
}

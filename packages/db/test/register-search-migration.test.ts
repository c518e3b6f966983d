// The register-search migration on a branch that already has requests (a deployed branch being upgraded).
import { createClient } from "@libsql/client";
import { expect, it } from "vitest";
import { MIGRATIONS } from "../src/migrate/generated.ts";
it("indexes the requests written before it, and each new one with its unit in the canonical form", async () => {
  const c = createClient({ url: ":memory:" });
  for (const m of MIGRATIONS.branch) {
    if (m.tag.startsWith("0007")) {
      await c.execute(
        "insert into requests (id, tracking_code, kind, urgency, status, channel, description, contact_name, contact_phone, area, created_at, updated_at, version) values ('r1','YG-AAAAA-BBBBB-CCCCC-DDDDD','repair','normal','received','portal','旧的漏水请求','老王','13800001111','车库',1,1,1)",
      );
    }
    for (const s of m.statements) await c.execute(s);
  }
  const r = await c.execute(`select request_id, place from request_search where request_search match '"旧的漏水"'`);
  expect(r.rows.map((x) => x.request_id)).toEqual(["r1"]);
  await c.execute(
    "insert into requests (id, tracking_code, kind, urgency, status, channel, description, contact_name, contact_phone, unit_label, created_at, updated_at, version) values ('r2','YG-AAAAA-BBBBB-CCCCC-EEEEE','repair','normal','received','portal','新的','小李','13800002222','一期 2幢301',2,2,1)",
  );
  const p = await c.execute(`select place from request_search where request_id = 'r2'`);
  expect(p.rows[0]!.place).toBe("一期 2幢301 一期 2-301   ");
});

// The read phases of the load benchmark: polled reads with and without If-None-Match, and a register search
// in a branch seeded with many requests (written straight into its database, as a branch would hold them).
import { createBranchDb, listRequests } from "@wuye/db";
import type { Req } from "./drive.ts";
import type { Client } from "./lib.ts";

/** GETs that cycle through `paths`. */
export function cycle(paths: string[], headers: Record<string, string> = {}): Req[] {
  let i = 0;
  return [
    {
      method: "GET",
      path: paths[0]!,
      setupRequest: (req: Req) => ({ ...req, method: "GET", path: paths[i++ % paths.length]!, headers }),
    },
  ];
}

/** The polled reads of requests just created: the console list, the tracking page, both again answered 304. */
export async function pollPhases(base: string, staffToken: string, codes: string[], ids: string[]) {
  const staff = { authorization: `Bearer ${staffToken}` };
  const trackingPaths = codes.slice(0, 200).map((code) => `/api/v1/public/requests/${code}`);
  const detailPaths = ids.slice(0, 200).map((id) => `/api/v1/console/requests/${id}`);
  return {
    list: cycle(["/api/v1/console/requests?limit=25"], staff),
    tracking: cycle(trackingPaths),
    detail: cycle(detailPaths, staff),
    /** ETags are fetched when called, just before the phase. */
    tracking304: () => conditionalGets(base, trackingPaths, {}),
    detail304: () => conditionalGets(base, detailPaths, staff),
  };
}

/** Requests that cycle through `paths`, each with the ETag it answered last (fetched before the phase). */
export async function conditionalGets(base: string, paths: string[], headers: Record<string, string>): Promise<Req[]> {
  const tagged: Array<{ path: string; etag: string }> = [];
  for (const path of paths) {
    const res = await fetch(`${base}${path}`, { headers });
    await res.arrayBuffer();
    const etag = res.headers.get("etag");
    if (res.status === 200 && etag) tagged.push({ path, etag });
  }
  if (tagged.length === 0) throw new Error(`no ETag from ${paths[0]}`);
  let i = 0;
  return [
    {
      method: "GET",
      path: tagged[0]!.path,
      setupRequest: (req: Req) => {
        const t = tagged[i++ % tagged.length]!;
        return { ...req, method: "GET", path: t.path, headers: { ...headers, "if-none-match": t.etag } };
      },
    },
  ];
}

const PROBLEMS = ["厨房水管漏水", "卧室门关不上", "楼道灯不亮", "电梯有异响", "空调外机滴水", "下水道堵塞", "窗户玻璃裂了", "墙面渗水发霉"];

/** The unit a seeded request `i` is about: 30 buildings × 25 floors × 4 rooms, in an order unlike `i`'s. */
/** The seeded request's unit, as the branch's places label it ("17栋102"): the register's index keys units from it. */
const unitSql = `(i % 30 + 1) || '栋' || ((i / 30) % 25 + 1) || '0' || ((i / 750) % 4 + 1)`;

/**
 * `n` requests in a branch database, one a minute back from now, as one statement per 20,000 (a recursive
 * CTE): different units, problems, names and phones, so that a search matches a few rows of many.
 */
export async function seedRequests(db: Client, prefix: string, n: number): Promise<void> {
  const now = Date.now();
  const problems = `json_extract('${JSON.stringify(PROBLEMS)}', '$[' || (i % ${PROBLEMS.length}) || ']')`;
  for (let from = 0; from < n; from += 20_000) {
    const to = Math.min(n, from + 20_000);
    await db.execute({
      sql: `with recursive s(i) as (select cast(? as integer) union all select i + 1 from s where i + 1 < cast(? as integer))
        insert into requests (id, tracking_code, kind, category, urgency, status, channel, description, contact_name,
          contact_phone, unit_label, created_at, updated_at, version)
        select printf('req_seed%07d', i), printf('%s-S%03d-%05d', ?, i / 100000, i % 100000), 'repair', 'small-repair', 'normal',
          case when i % 5 = 0 then 'submitted' else 'closed' end, 'phone', ${unitSql} || ' ' || ${problems},
          '住户' || (i % 997), printf('139%08d', (i * 7919) % 100000000), '滨江苑 ' || ${unitSql}, ? - (? - i) * 60000, ? - (? - i) * 60000, 1
        from s`,
      args: [from, to, prefix, now, n, now, n],
    });
  }
}

/** The unit of seeded request `i`, as a search would name it (about 1 in 3,000 seeded requests). */
export const seededUnit = (i: number) => `${(i % 30) + 1}栋${(Math.floor(i / 30) % 25) + 1}0${(Math.floor(i / 750) % 4) + 1}室`;

/** The register's own query (`listRequests`, a page of 25 + 1), timed from Node against the database alone. */
export async function searchInDatabase(client: Client, q: string, times: number): Promise<{ p50: number; p95: number; rows: number }> {
  const db = createBranchDb(client);
  const ms: number[] = [];
  let rows = 0;
  for (let k = 0; k < times; k++) {
    const t = performance.now();
    rows = (await listRequests(db, { q, limit: 26 })).length;
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), rows };
}

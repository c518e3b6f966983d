// A readable, self-contained rendering of the OpenAPI document: no CDN, so it works offline and behind firewalls.
type Doc = { info: { title: string; version: string; description?: string }; paths: Record<string, Record<string, Operation>> };
type Operation = {
  summary?: string;
  tags?: string[];
  requestBody?: unknown;
  parameters?: unknown[];
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
};

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function renderDocs(doc: Doc): string {
  const rows: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const responses = Object.entries(op.responses ?? {})
        .map(([code, r]) => `<li><code>${esc(code)}</code> ${esc(r.description ?? "")}</li>`)
        .join("");
      const body = op.requestBody
        ? `<details><summary>request body</summary><pre>${esc(JSON.stringify(op.requestBody, null, 2))}</pre></details>`
        : "";
      const params = op.parameters?.length
        ? `<details><summary>parameters</summary><pre>${esc(JSON.stringify(op.parameters, null, 2))}</pre></details>`
        : "";
      rows.push(
        `<section><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>` +
          `<p>${esc(op.summary ?? "")} ${op.security?.length ? "🔒" : ""} <small>${esc((op.tags ?? []).join(", "))}</small></p>${params}${body}<ul>${responses}</ul></section>`,
      );
    }
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(doc.info.title)} API</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
section{border-top:1px solid #ddd;padding:.5rem 0}.m{display:inline-block;min-width:4.5em;font-weight:600}
.get{color:#0a6}.post{color:#06c}.put,.patch{color:#a60}.delete{color:#c00}pre{background:#f5f5f5;padding:.5rem;overflow:auto;font-size:12px}
</style></head><body><h1>${esc(doc.info.title)} <small>v${esc(doc.info.version)}</small></h1>
<p>${esc(doc.info.description ?? "")}</p><p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1)</p>
${rows.join("\n")}</body></html>`;
}

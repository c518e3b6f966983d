import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";

interface Options {
  /** Route name → the module that is lazily imported for it (its first-load JS = shell + that chunk + their static imports). */
  routes: Record<string, string>;
  /** Route name → budget in KB of gzipped JS on first load; the build fails above it. */
  budgetsKb: Record<string, number>;
}

interface ChunkLike {
  type: "chunk";
  fileName: string;
  code: string;
  isEntry: boolean;
  isDynamicEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/**
 * Prints the JavaScript each route loads first (gzipped, the way browsers receive it) and fails the build when
 * a route is over its budget. Preloaded static imports count; lazy imports that a route makes later do not.
 */
export function bundleBudget(options: Options): Plugin {
  let root = process.cwd();
  return {
    name: "wuye-bundle-budget",
    apply: "build",
    configResolved(config) {
      root = config.root;
    },
    generateBundle(_out, bundle) {
      const chunks = Object.values(bundle).filter(
        (c): c is ChunkLike & (typeof bundle)[string] => c.type === "chunk",
      ) as unknown as ChunkLike[];
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const gz = new Map(chunks.map((c) => [c.fileName, gzipSync(c.code, { level: 9 }).length]));
      const closure = (start: ChunkLike, seen = new Set<string>()) => {
        if (seen.has(start.fileName)) return seen;
        seen.add(start.fileName);
        for (const f of start.imports) {
          const next = byFile.get(f);
          if (next) closure(next, seen);
        }
        return seen;
      };
      const entry = chunks.find((c) => c.isEntry);
      if (!entry) return;
      const shell = closure(entry);
      const rows: Array<{ name: string; files: number; raw: number; gzip: number; budget?: number }> = [];
      const sum = (files: Set<string>) =>
        [...files].reduce((s, f) => ({ raw: s.raw + byFile.get(f)!.code.length, gzip: s.gzip + gz.get(f)! }), { raw: 0, gzip: 0 });
      rows.push({ name: "shell (every page)", files: shell.size, ...sum(shell) });
      const failures: string[] = [];
      for (const [name, path] of Object.entries(options.routes)) {
        const abs = resolve(root, path);
        const chunk = chunks.find((c) => c.facadeModuleId === abs);
        if (!chunk) {
          failures.push(`route "${name}": no chunk for ${path}`);
          continue;
        }
        const files = closure(chunk, new Set(shell));
        const total = sum(files);
        const budget = options.budgetsKb[name];
        rows.push({ name: `${name} first load`, files: files.size, ...total, ...(budget ? { budget } : {}) });
        if (budget && total.gzip > budget * 1024)
          failures.push(`${name}: ${kb(total.gzip)} gzipped JS on first load, over its budget of ${budget} KB`);
      }
      const lines = [
        "",
        "bundle size report (JavaScript, first load per entry):",
        `  ${"entry".padEnd(22)}${"chunks".padStart(7)}${"raw".padStart(11)}${"gzip".padStart(11)}   budget`,
        ...rows.map(
          (r) =>
            `  ${r.name.padEnd(22)}${String(r.files).padStart(7)}${kb(r.raw).padStart(11)}${kb(r.gzip).padStart(11)}   ${r.budget ? `${r.budget} KB ${r.gzip <= r.budget * 1024 ? "ok" : "OVER"}` : "-"}`,
        ),
        "  chunks:",
        ...chunks
          .sort((a, b) => gz.get(b.fileName)! - gz.get(a.fileName)!)
          .map((c) => `    ${c.fileName.padEnd(40)}${kb(c.code.length).padStart(11)}${kb(gz.get(c.fileName)!).padStart(11)}`),
        "",
      ];
      console.log(lines.join("\n"));
      if (failures.length) this.error(`bundle budget exceeded:\n  ${failures.join("\n  ")}`);
    },
  };
}

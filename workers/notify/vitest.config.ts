import { verifyWebhook } from "@wuye/core";
import { workerTestConfig } from "@wuye/infra/worker-test-config";
import { defineConfig } from "vitest/config";

export const WEBHOOK_SECRET = "test-webhook-secret-0123456789";

// A branch's webhook receiver, outside the worker: verifies each call's signature and replay window the way a
// real receiver would, and answers per path: /ok → 200, /fail → 500, /reject → 400. GET /__received lists calls.
const received: Array<{ path: string; verdict: string; body: string }> = [];
const nonces = new Set<string>();

export default defineConfig(() =>
  workerTestConfig({
    miniflare: {
      outboundService: async (request: Request) => {
        const url = new URL(request.url);
        if (url.hostname !== "hooks.test") {
          // The database server: pass through (rebuilt, since miniflare's Request is another undici's).
          const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
          const res = await fetch(request.url, { method: request.method, headers: request.headers, body });
          return new Response(await res.arrayBuffer(), { status: res.status, headers: res.headers });
        }
        if (url.pathname === "/__received") return Response.json(received);
        const body = await request.text();
        const verdict = await verifyWebhook(WEBHOOK_SECRET, request.headers.get("x-wuye-signature"), body, Date.now(), (n) =>
          nonces.has(n) ? true : (nonces.add(n), false),
        );
        received.push({ path: url.pathname, verdict: verdict.ok ? "ok" : verdict.reason, body });
        if (url.pathname === "/fail") return new Response("down", { status: 500 });
        if (url.pathname === "/reject") return new Response("bad", { status: 400 });
        return verdict.ok ? new Response("ok") : new Response("unauthorized", { status: 401 });
      },
    },
  }),
);

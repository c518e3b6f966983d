declare namespace Cloudflare {
  interface Env {
    TEST_LOGINS: string;
    TEST_LIBSQL_URL: string;
    LIBSQL_AUTH_TOKEN: string;
    CONTROL_DB_URL: string;
    SUPERVISION_DB_URL: string;
    JWT_SECRET: string;
    ATTACHMENTS: R2Bucket;
  }
}

/** Vite's glob import (vitest transforms it), for tests that read other packages' sources. */
interface ImportMeta {
  glob(pattern: string, options: { query: "?raw"; import: "default"; eager: true }): Record<string, string>;
}

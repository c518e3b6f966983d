declare namespace Cloudflare {
  interface Env {
    CONTROL_DB_URL: string;
    SUPERVISION_DB_URL: string;
    LIBSQL_AUTH_TOKEN: string;
  }
}

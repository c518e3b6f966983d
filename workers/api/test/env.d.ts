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

import { describe, expect, it } from "vitest";
import { hashPassword, sha256Hex, verifyPassword } from "../src/auth/password.ts";

describe("passwords", () => {
  it("verifies the right password only", async () => {
    const stored = await hashPassword("Demo@2026", 1000);
    expect(stored).toMatch(/^pbkdf2-sha256\$1000\$/);
    expect(await verifyPassword("Demo@2026", stored)).toBe(true);
    expect(await verifyPassword("demo@2026", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts each hash", async () => {
    expect(await hashPassword("x", 1000)).not.toBe(await hashPassword("x", 1000));
  });

  it.each(["", "plain", "pbkdf2-sha256$0$AA==$AA==", "md5$1$a$b", "pbkdf2-sha256$abc$AA==$AA=="])(
    "refuses malformed stored value %j",
    async (stored) => {
      expect(await verifyPassword("x", stored)).toBe(false);
    },
  );

  it("hashes tokens with SHA-256", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

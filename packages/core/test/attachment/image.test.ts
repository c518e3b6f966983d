import { describe, expect, it } from "vitest";
import { checkImage, MAX_IMAGE_SIDE, sniffImageType } from "../../src/attachment/image.ts";
import { photoFileName, uploadCounters, UPLOAD_LIMITS } from "../../src/attachment/policy.ts";
import { JPEG, PNG, WEBP, withTail } from "../fixtures/images.ts";

describe("checkImage", () => {
  it.each([
    ["PNG", PNG, "image/png", 4, 3],
    ["JPEG", JPEG, "image/jpeg", 16, 16],
    ["WebP", WEBP, "image/webp", 16, 16],
  ])("accepts a whole %s and reads its size", (_n, bytes, type, width, height) => {
    expect(checkImage(bytes)).toEqual({ ok: true, type, width, height });
  });

  it.each([
    ["a JPEG header followed by a script", withTail(JPEG.slice(0, 20), "<html><script>alert(1)</script>")],
    ["a whole JPEG followed by a script", withTail(JPEG, "<html><script>alert(1)</script>")],
    ["a whole PNG followed by HTML", withTail(PNG, "<html>")],
    ["a whole WebP followed by HTML", withTail(WEBP, "<html>")],
    ["a PNG cut short", PNG.slice(0, PNG.length - 5)],
    ["a JPEG cut short", JPEG.slice(0, JPEG.length - 2)],
    ["a WebP cut short", WEBP.slice(0, WEBP.length - 4)],
    ["only a PNG signature and header", PNG.slice(0, 33)],
    ["text", new TextEncoder().encode("hello world")],
    ["nothing", new Uint8Array()],
  ])("refuses %s", (_n, bytes) => {
    const r = checkImage(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/\w/);
  });

  it("refuses a PNG whose bytes were changed (CRC), and absurd sizes", () => {
    const flipped = PNG.slice();
    flipped[40] = flipped[40]! ^ 0xff;
    expect(checkImage(flipped).ok).toBe(false);
    const huge = PNG.slice();
    new DataView(huge.buffer).setUint32(16, MAX_IMAGE_SIDE + 1);
    expect(checkImage(huge)).toMatchObject({ ok: false });
  });

  it("sniffs what a browser would, whatever follows", () => {
    expect(sniffImageType(withTail(JPEG.slice(0, 3), "<html>"))).toBe("image/jpeg");
    expect(sniffImageType(new TextEncoder().encode("<svg/>"))).toBeNull();
  });

  it("never throws on random bytes", () => {
    for (let n = 0; n < 500; n++) {
      const base = [PNG, JPEG, WEBP][n % 3]!;
      const b = base.slice(0, 1 + ((n * 7919) % base.length));
      for (let k = 12; k < b.length; k += 1 + (n % 13)) b[k] = (b[k]! * 31 + n) & 0xff;
      expect(() => checkImage(b)).not.toThrow();
    }
  });
});

describe("upload policy", () => {
  it("counts per IP and per branch in the hour", () => {
    const c = uploadCounters("br_1", "10.0.0.1", 3_600_000 * 5 + 1_000);
    expect(c.window).toBe(5);
    expect(c.secondsLeft).toBe(3599);
    expect(c.counters).toEqual([
      { key: "upload-ip:10.0.0.1", cap: UPLOAD_LIMITS.perIpPerHour },
      { key: "upload-branch:br_1", cap: UPLOAD_LIMITS.perBranchPerHour },
    ]);
  });

  it("names a served photo safely", () => {
    expect(photoFileName("att_01abc", "image/jpeg")).toBe("att_01abc.jpg");
    expect(photoFileName('x"; filename=evil.html', "image/png")).toBe("xfilenameevilhtml.png");
  });
});

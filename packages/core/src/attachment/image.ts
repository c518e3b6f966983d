// What an uploaded file really is. A photo is accepted only when its whole structure is a JPEG, PNG or WebP image
// that ends where the file ends: a JPEG header followed by `<html><script>` is not a photo, and the bytes after
// an image's end are exactly where such a payload hides.

export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const IMAGE_EXTENSION: Record<ImageType, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/** Larger sides than this are not photos of a repair (and would only cost memory wherever they are decoded). */
export const MAX_IMAGE_SIDE = 12_000;

export type ImageCheck =
  | { ok: true; type: ImageType; width: number; height: number }
  | { ok: false; type: ImageType | null; reason: string };

const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32 = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
const le32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

/** The type its first bytes announce (what a browser would sniff), whatever follows. */
export function sniffImageType(b: Uint8Array): ImageType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return "image/png";
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return "image/webp";
  return null;
}

let crcTable: Uint32Array | undefined;
function crc32(b: Uint8Array, from: number, to: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = crcTable[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function checkPng(b: Uint8Array): ImageCheck {
  const fail = (reason: string): ImageCheck => ({ ok: false, type: "image/png", reason });
  let i = 8;
  let width = 0;
  let height = 0;
  let sawData = false;
  for (let n = 0; ; n++) {
    if (i + 12 > b.length) return fail("truncated chunk");
    const length = u32(b, i);
    const type = ascii(b, i + 4, 4);
    const end = i + 12 + length;
    if (length > 0x7fffffff || end > b.length) return fail(`chunk ${type} runs past the end`);
    if (!/^[A-Za-z]{4}$/.test(type)) return fail("malformed chunk type");
    if (crc32(b, i + 4, i + 8 + length) !== u32(b, i + 8 + length)) return fail(`chunk ${type} fails its CRC`);
    if (n === 0) {
      if (type !== "IHDR" || length !== 13) return fail("IHDR is not the first chunk");
      width = u32(b, i + 8);
      height = u32(b, i + 12);
    }
    if (type === "IDAT") sawData = true;
    i = end;
    if (type === "IEND") break;
  }
  if (!sawData) return fail("no image data");
  if (i !== b.length) return fail(`${b.length - i} bytes after the end of the image`);
  return sized("image/png", width, height);
}

function checkJpeg(b: Uint8Array): ImageCheck {
  const fail = (reason: string): ImageCheck => ({ ok: false, type: "image/jpeg", reason });
  let i = 2;
  let width = 0;
  let height = 0;
  let scans = 0;
  for (;;) {
    if (i + 2 > b.length) return fail("ends before its end marker");
    if (b[i] !== 0xff) return fail("malformed marker");
    let marker = b[i + 1]!;
    while (marker === 0xff && i + 2 < b.length) marker = b[++i + 1]!; // fill bytes
    i += 2;
    if (marker === 0xd9) break; // EOI
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // no length
    if (i + 2 > b.length) return fail("truncated segment");
    const length = u16(b, i);
    if (length < 2 || i + length > b.length) return fail("segment runs past the end");
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (length < 8) return fail("short frame header");
      height = u16(b, i + 3);
      width = u16(b, i + 5);
    }
    i += length;
    if (marker === 0xda) {
      scans += 1;
      // Entropy-coded data runs to the next marker that is neither a stuffed 0x00 nor a restart marker.
      while (i + 1 < b.length && !(b[i] === 0xff && b[i + 1] !== 0x00 && !(b[i + 1]! >= 0xd0 && b[i + 1]! <= 0xd7))) i++;
    }
  }
  if (!scans || !width) return fail("no frame or no scan");
  if (i !== b.length) return fail(`${b.length - i} bytes after the end of the image`);
  return sized("image/jpeg", width, height);
}

function checkWebp(b: Uint8Array): ImageCheck {
  const fail = (reason: string): ImageCheck => ({ ok: false, type: "image/webp", reason });
  const riffEnd = 8 + le32(b, 4);
  if (riffEnd !== b.length) return fail(riffEnd > b.length ? "truncated" : `${b.length - riffEnd} bytes after the end of the image`);
  let i = 12;
  let width = 0;
  let height = 0;
  while (i < riffEnd) {
    if (i + 8 > riffEnd) return fail("truncated chunk");
    const type = ascii(b, i, 4);
    const size = le32(b, i + 4);
    const data = i + 8;
    if (data + size > riffEnd) return fail(`chunk ${type} runs past the end`);
    if (type === "VP8 " && size >= 10 && !width) {
      width = (b[data + 6]! | (b[data + 7]! << 8)) & 0x3fff;
      height = (b[data + 8]! | (b[data + 9]! << 8)) & 0x3fff;
    } else if (type === "VP8L" && size >= 5 && !width) {
      const bits = le32(b, data + 1);
      width = (bits & 0x3fff) + 1;
      height = ((bits >>> 14) & 0x3fff) + 1;
    } else if (type === "VP8X" && size >= 10) {
      width = 1 + (b[data + 4]! | (b[data + 5]! << 8) | (b[data + 6]! << 16));
      height = 1 + (b[data + 7]! | (b[data + 8]! << 8) | (b[data + 9]! << 16));
    }
    i = data + size + (size & 1);
  }
  if (i !== riffEnd) return fail("chunk padding runs past the end");
  if (!width) return fail("no image data");
  return sized("image/webp", width, height);
}

function sized(type: ImageType, width: number, height: number): ImageCheck {
  if (width < 1 || height < 1 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE)
    return { ok: false, type, reason: `${width}×${height} is not a photo's size` };
  return { ok: true, type, width, height };
}

/** The whole file checked as the image its first bytes announce. */
export function checkImage(bytes: Uint8Array): ImageCheck {
  const type = sniffImageType(bytes);
  if (type === "image/png") return checkPng(bytes);
  if (type === "image/jpeg") return checkJpeg(bytes);
  if (type === "image/webp") return checkWebp(bytes);
  return { ok: false, type: null, reason: "not a JPEG, PNG or WebP image" };
}

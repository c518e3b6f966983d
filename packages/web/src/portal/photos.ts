/** The API accepts JPEG, PNG or WebP up to 5 MB; phones take 3–12 MB photos, so they are shrunk here first. */
export const MAX_SIDE = 1600;
export const MAX_BYTES = 5 * 1024 * 1024;

async function decode(file: Blob): Promise<CanvasImageSource & { width: number; height: number }> {
  if ("createImageBitmap" in window) {
    try {
      return await createImageBitmap(file);
    } catch {
      // fall through to <img>, which knows more formats in some browsers
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Scales the longest side down to MAX_SIDE and re-encodes as JPEG (quality 0.8), always: the API takes only a whole
 * image with nothing after its end (phones append data after some photos), and a re-encoded one carries no location.
 */
export async function compressPhoto(file: File, maxSide = MAX_SIDE, quality = 0.8): Promise<Blob> {
  const image = await decode(file);
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  const canvas = document.createElement("canvas");
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#fff"; // transparent PNG areas become white, not black, in JPEG
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(image, 0, 0, w, h);
  const blob = await new Promise<Blob | null>((res) => canvas.toBlob(res, "image/jpeg", quality));
  if (!blob) throw new Error("canvas encoding failed");
  return blob;
}

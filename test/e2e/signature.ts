import type { Page } from "playwright-core";

/** Signs on the signature pad with the pointer: three strokes, as a finger would. */
export async function drawSignature(page: Page) {
  const pad = page.locator("#signature-pad");
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  for (const stroke of [
    [
      [0.1, 0.6],
      [0.2, 0.3],
      [0.3, 0.7],
      [0.4, 0.35],
    ],
    [
      [0.45, 0.5],
      [0.6, 0.4],
      [0.7, 0.65],
    ],
    [
      [0.72, 0.3],
      [0.8, 0.7],
      [0.9, 0.45],
    ],
  ]) {
    const [x0, y0] = at(stroke[0]![0]!, stroke[0]![1]!);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (const [fx, fy] of stroke.slice(1)) {
      const [x, y] = at(fx!, fy!);
      await page.mouse.move(x, y, { steps: 8 });
    }
    await page.mouse.up();
  }
}

import { useEffect, useRef, useState } from "preact/hooks";
import SignaturePad from "signature_pad";
import { tr } from "../lib/i18n.ts";

/** The drawn signature as a PNG (what is uploaded and kept with the work order), or null while the pad is empty. */
export type SignatureImage = Blob | null;

/**
 * A signature pad the width of the phone: the resident signs with a finger (signature_pad draws smooth strokes);
 * each finished stroke hands the PNG up. The canvas is sized in device pixels so that the ink stays sharp.
 */
export function SignatureField({ onChange, error }: { onChange(image: SignatureImage): void; error?: string | undefined }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [empty, setEmpty] = useState(true);
  useEffect(() => {
    const el = canvas.current!;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    el.width = el.offsetWidth * ratio;
    el.height = el.offsetHeight * ratio;
    el.getContext("2d")!.scale(ratio, ratio);
    const p = new SignaturePad(el, { penColor: "#111", backgroundColor: "rgb(255,255,255)", minWidth: 1, maxWidth: 2.6 });
    p.addEventListener("endStroke", () => {
      setEmpty(p.isEmpty());
      el.toBlob((blob) => onChange(blob), "image/png");
    });
    pad.current = p;
    return () => p.off();
  }, []);
  const clear = () => {
    pad.current?.clear();
    setEmpty(true);
    onChange(null);
  };
  return (
    <div class="field signature-pad">
      <span class="label">{tr("w.sign.title")}</span>
      <canvas ref={canvas} id="signature-pad" aria-label={tr("w.sign.pad")} data-empty={empty ? "true" : "false"} />
      <button type="button" class="link" onClick={clear}>
        {tr("w.sign.clear")}
      </button>
      {error && (
        <small class="error" role="alert" id="signature-error">
          {error}
        </small>
      )}
    </div>
  );
}

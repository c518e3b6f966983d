import type { ComponentChildren } from "preact";
import { tr } from "../lib/i18n.ts";
import { useLocation } from "../lib/router.ts";

/**
 * A document that goes on paper (the PDCA report, a visitor slip, a handover, a notice, a forum meeting): on screen a
 * card with a link to its print view; the print view (`?print=1`, A4 print CSS in styles.css) has the print button
 * and the way back. `links` are what the screen view offers besides (a CSV, the list).
 */
export function PrintSheet({
  id,
  base,
  heading,
  links,
  data,
  children,
}: {
  id: string;
  /** The screen view's address; its print view adds `print=1`. */
  base: string;
  heading: ComponentChildren;
  links?: ComponentChildren;
  /** data-* attributes for the article (tests read the document's state there). */
  data?: Record<`data-${string}`, string>;
  children: ComponentChildren;
}) {
  const print = useLocation().query.get("print") === "1";
  return (
    <article id={id} class={print ? "print-view" : "card"} {...data}>
      <header class="report-head">
        {heading}
        <p class="no-print">
          {print ? (
            <>
              <button type="button" class="primary" onClick={() => window.print()} id="print-now">
                {tr("w.print.now")}
              </button>{" "}
              <a href={base}>{tr("w.print.screen")}</a>
            </>
          ) : (
            <>
              <a href={`${base}${base.includes("?") ? "&" : "?"}print=1`} id="print-view">
                {tr("w.print.view")}
              </a>{" "}
              {links}
            </>
          )}
        </p>
      </header>
      {children}
    </article>
  );
}

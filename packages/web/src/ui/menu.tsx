import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

/**
 * Links of the top bar grouped behind one button. A <details> disclosure: Enter and Space open it with no script,
 * the links inside are ordinary tab stops. It closes when one of its links or buttons is used, on a click elsewhere and on
 * Escape (focus back on its button). `current` marks the group while one of its pages is open.
 */
export function NavMenu({
  label,
  current,
  id,
  children,
}: {
  label: ComponentChildren;
  current: boolean;
  id?: string;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const onClick = (e: Event) => {
      const menu = ref.current;
      const target = e.target as Element | null;
      if (menu?.open && (!menu.contains(target) || target?.closest?.("a, button"))) menu.open = false;
    };
    const onKey = (e: KeyboardEvent) => {
      const menu = ref.current;
      if (e.key !== "Escape" || !menu?.open) return;
      const inside = menu.contains(document.activeElement);
      menu.open = false;
      if (inside) menu.querySelector("summary")?.focus();
    };
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("click", onClick);
      document.removeEventListener("keydown", onKey);
    };
  }, []);
  return (
    <details class="nav-menu" ref={ref}>
      <summary id={id} aria-current={current ? "true" : undefined}>
        {label}
      </summary>
      <div class="nav-menu-items">{children}</div>
    </details>
  );
}

import { fieldId } from "./draft";

/**
 * Takes the cursor to the field of an issue path, opening the folded tool that holds it. When the
 * path names a list rather than a field, the closest enclosing field found is used.
 */
export function focusField(path: string): void {
  let segments = path.split(".");
  let element: HTMLElement | null = null;
  while (segments.length > 0 && !element) {
    element = document.getElementById(fieldId(segments.join(".")));
    segments = segments.slice(0, -1);
  }
  if (!element) {
    return;
  }
  for (
    let details = element.closest("details");
    details;
    details = details.parentElement?.closest("details") ?? null
  ) {
    details.open = true;
  }
  element.scrollIntoView({ block: "center" });
  element.focus({ preventScroll: true });
}

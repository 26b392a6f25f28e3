import { useEffect, useState } from "react";

/**
 * Whether the screen has been painted since `ready` became true: what a page shows below the fold
 * can wait for it, so the first screen is drawn without waiting for the rest of the page.
 */
export function useAfterPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) {
      return;
    }
    // The frame's callback runs just before it is painted; the timer's, once it has been.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, painted]);
  return painted;
}

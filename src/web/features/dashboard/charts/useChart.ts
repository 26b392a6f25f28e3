import { type RefObject, useEffect, useRef, useState } from "react";
import { echarts } from "./echarts";

export type Chart = ReturnType<typeof echarts.init>;

/**
 * An ECharts instance bound to a container: created once the container is in the page, resized
 * with it, disposed on unmount. Callers set its options in their own effect, once `chart` is set.
 */
export function useChart(): [RefObject<HTMLDivElement | null>, Chart | null] {
  const container = useRef<HTMLDivElement | null>(null);
  const [chart, setChart] = useState<Chart | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) {
      return;
    }
    const instance = echarts.init(element, undefined, { renderer: "canvas" });
    setChart(instance);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      setChart(null);
    };
  }, []);

  return [container, chart];
}

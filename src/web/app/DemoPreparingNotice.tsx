import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api } from "../api/client";

const healthKey = ["health"] as const;
/** How often to ask whether the demo progress is complete, while it is being written. */
const POLL_MS = 3_000;

/**
 * On the first start of a demo instance the server answers before it has written the demo
 * progress (src/server/main.ts): say so above every page, and once it is complete refresh what
 * the page shows. Renders nothing otherwise (and nothing before the first answer, as the
 * pre-rendered portal home does).
 */
export function DemoPreparingNotice() {
  const queryClient = useQueryClient();
  const health = useQuery({
    queryKey: healthKey,
    queryFn: api.health,
    staleTime: Number.POSITIVE_INFINITY,
    refetchInterval: (query) => (query.state.data?.preparingDemo ? POLL_MS : false),
  });
  const preparing = health.data?.preparingDemo === true;
  const wasPreparing = useRef(false);
  useEffect(() => {
    if (preparing) {
      wasPreparing.current = true;
    } else if (wasPreparing.current) {
      wasPreparing.current = false;
      void queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] !== healthKey[0],
      });
    }
  }, [preparing, queryClient]);
  if (!preparing) {
    return null;
  }
  return (
    <p className="alert alert--info" role="status">
      Se están preparando los datos de demostración: los municipios participantes, sus evidencias y
      revisiones aparecen en unos segundos. La página se actualizará sola.
    </p>
  );
}

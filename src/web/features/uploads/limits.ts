import { useQuery } from "@tanstack/react-query";
import { megabytesLabel } from "../../../domain/uploads.js";
import { api } from "../../api/client";

/** The server's upload limits: its configured maximum size and the accepted types. */
export function useUploadLimits() {
  return useQuery({
    queryKey: ["upload-limits"],
    queryFn: api.evidence.limits,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** "PDF, DOCX, XLSX, ODT, ODS, JPG o PNG; hasta 25 MB." from what the server says. */
export function useUploadHint(extra = ""): string {
  const { data } = useUploadLimits();
  const types = data?.acceptedLabel ?? "PDF, DOCX, XLSX, ODT, ODS, JPG o PNG";
  const size = data ? `; hasta ${megabytesLabel(data.maxBytes)}` : "";
  return `${types}${size}.${extra ? ` ${extra}` : ""}`;
}

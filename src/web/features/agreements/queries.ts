import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  CorrectAgreementRequest,
  CreateAgreementRequest,
  DesignateLiaisonRequest,
} from "../../../contracts/participation.js";
import { api, type UploadProgress } from "../../api/client";

export const agreementsKey = ["agreements"] as const;

export function useAgreements(cohort?: string) {
  return useQuery({
    queryKey: [...agreementsKey, cohort ?? ""],
    queryFn: () => api.agreements.list(cohort),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return (cvegeo?: string) => {
    void queryClient.invalidateQueries({ queryKey: agreementsKey });
    void queryClient.invalidateQueries({ queryKey: ["users"] });
    if (cvegeo) {
      void queryClient.invalidateQueries({ queryKey: ["municipality", cvegeo] });
    }
  };
}

export function useCreateAgreement() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateAgreementRequest) => api.agreements.create(body),
    onSuccess: (agreement) => invalidate(agreement.municipality.cvegeo),
  });
}

export function useCorrectAgreement() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CorrectAgreementRequest }) =>
      api.agreements.correct(id, body),
    onSuccess: (agreement) => invalidate(agreement.municipality.cvegeo),
  });
}

export function useDesignateLiaison(cvegeo: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: DesignateLiaisonRequest) => api.liaisons.designate(cvegeo, body),
    onSuccess: () => invalidate(cvegeo),
  });
}

/** What a document is attached to: an agreement (the signed agreement) or a designation (its letter). */
export type DocumentTarget = "agreement" | "letter";

export interface AttachDocument {
  target: DocumentTarget;
  /** The agreement's or the designation's id. */
  id: string;
  file: File;
  onProgress?: UploadProgress;
}

export function attachDocument({ target, id, file, onProgress }: AttachDocument): Promise<void> {
  return target === "agreement"
    ? api.agreements.uploadDocument(id, file, onProgress)
    : api.liaisons.uploadLetter(id, file, onProgress);
}

/** Attaches the signed agreement or a designation letter of a municipality. */
export function useAttachDocument(cvegeo: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: attachDocument,
    onSuccess: () => invalidate(cvegeo),
  });
}

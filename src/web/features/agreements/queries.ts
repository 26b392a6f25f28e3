import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  Agreement,
  CorrectAgreementRequest,
  CreateAgreementRequest,
  DesignateLiaisonRequest,
  RecordAgreementChangeRequest,
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

/** The renewals, ratifications, suspensions and terminations of a municipality's agreement. */
export function useAgreementChanges(cvegeo: string | null) {
  return useQuery({
    queryKey: [...agreementsKey, "changes", cvegeo ?? ""],
    queryFn: () => api.agreements.changes(cvegeo ?? ""),
    enabled: cvegeo !== null,
  });
}

/** Records a change of the agreement, then uploads its signed document when one is chosen. */
export function useRecordAgreementChange(agreement: Agreement | null) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({
      body,
      file,
    }: {
      body: RecordAgreementChangeRequest;
      file: File | null;
    }) => {
      if (!agreement) {
        throw new Error("no agreement");
      }
      const change = await api.agreements.recordChange(agreement.id, body);
      if (file) {
        await api.agreements.uploadChangeDocument(change.id, file);
      }
      return change;
    },
    onSettled: () => invalidate(agreement?.municipality.cvegeo),
  });
}

/**
 * What a document is attached to: an agreement (the signed agreement), a designation (its letter)
 * or a change of the agreement (a renewal's or ratification's signed document).
 */
export type DocumentTarget = "agreement" | "letter" | "agreement_change";

export interface AttachDocument {
  target: DocumentTarget;
  /** The agreement's or the designation's id. */
  id: string;
  file: File;
  onProgress?: UploadProgress;
}

export function attachDocument({ target, id, file, onProgress }: AttachDocument): Promise<void> {
  if (target === "agreement_change") {
    return api.agreements.uploadChangeDocument(id, file, onProgress);
  }
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

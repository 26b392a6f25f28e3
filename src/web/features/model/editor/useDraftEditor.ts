import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { ModelVersionDetail } from "../../../../contracts/model.js";
import type { ModelIssue } from "../../../../domain/model.js";
import { api } from "../../../api/client";
import { modelKeys } from "../queries";
import { type EditorContent, editorIssues, toContent, toEditor } from "./draft";

/**
 * The state of a draft being edited: the working copy, what was last saved (to know whether there
 * are unsaved changes), the revision to send back, and the save/publish/discard requests.
 */
export function useDraftEditor(detail: ModelVersionDetail) {
  const queryClient = useQueryClient();
  const [editor, setEditor] = useState<EditorContent>(() => toEditor(detail.content));
  const [revision, setRevision] = useState(detail.revision);
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(detail.content));
  const [serverIssues, setServerIssues] = useState(detail.issues);

  const content = useMemo(() => toContent(editor), [editor]);
  const contentJson = useMemo(() => JSON.stringify(content), [content]);
  const dirty = contentJson !== savedJson;
  const liveIssues = useMemo(() => editorIssues(content), [content]);
  const issueMap = useMemo(() => {
    const map = new Map<string, string>();
    for (const issue of liveIssues) {
      if (!map.has(issue.path)) {
        map.set(issue.path, issue.message);
      }
    }
    return map;
  }, [liveIssues]);

  const refreshLists = () => {
    void queryClient.invalidateQueries({ queryKey: modelKeys.versions, exact: true });
  };

  const save = useMutation({
    mutationFn: () => api.model.saveDraft(detail.id, content, revision),
    onSuccess: (saved, _variables) => {
      setRevision(saved.revision);
      // What was sent is what the person sees: compare against it, not the server's trimmed copy.
      setSavedJson(contentJson);
      setServerIssues(saved.issues);
      queryClient.setQueryData(modelKeys.version(detail.id), saved);
      refreshLists();
    },
  });

  const publish = useMutation({
    mutationFn: () => api.model.publish(detail.id),
    onSuccess: (published) => {
      queryClient.setQueryData(modelKeys.version(detail.id), published);
      void queryClient.invalidateQueries({ queryKey: modelKeys.published });
      refreshLists();
    },
  });

  const discard = useMutation({
    mutationFn: () => api.model.discard(detail.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: modelKeys.version(detail.id) });
      refreshLists();
    },
  });

  return {
    editor,
    setEditor,
    content,
    dirty,
    revision,
    /** Issues to list: the server's for the saved draft, or the live ones when there are changes. */
    listedIssues: dirty ? liveIssues : serverIssues,
    issueMap,
    /** Repeated codes: the server refuses to save them even in a draft. */
    hasDuplicates: liveIssues.some((issue) => issue.kind === "duplicate"),
    /** The path of the first live issue that matches, to take the cursor there. */
    firstIssue: (match: (path: string, kind: ModelIssue["kind"]) => boolean) =>
      liveIssues.find((issue) => match(issue.path, issue.kind))?.path,
    save,
    publish,
    discard,
  };
}

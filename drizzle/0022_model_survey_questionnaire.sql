ALTER TABLE "model_versions" ADD COLUMN "survey_questionnaire" jsonb;--> statement-breakpoint
-- A municipality's public page and the open data show its validated surveys' results and visible
-- comments, cached per progress stamp: closing a survey and hiding or showing a comment move the
-- municipality's stamp at commit (the deferred trigger of 0010_progress_stamp_triggers.sql).
CREATE CONSTRAINT TRIGGER surveys_progress_stamp AFTER UPDATE OF status ON surveys
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mrtm_progress_touch_municipality();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER survey_responses_progress_stamp AFTER UPDATE OF comment_hidden_at ON survey_responses
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mrtm_progress_touch_municipality();

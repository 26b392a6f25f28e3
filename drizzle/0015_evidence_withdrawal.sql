ALTER TABLE "evidence_files" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD COLUMN "withdrawn_by" uuid;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD COLUMN "withdrawal_reason" text;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Publishing or withdrawing a document changes the public pages, the open data and the public API,
-- which are cached per progress stamp: move the municipality's stamp at commit (the deferred
-- trigger of 0010_progress_stamp_triggers.sql). Uploads and draft deletions publish nothing.
CREATE CONSTRAINT TRIGGER evidence_files_progress_stamp AFTER UPDATE OF is_public, withdrawn_at ON evidence_files
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mrtm_progress_touch_municipality();

CREATE TABLE "indicator_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"period_key" text NOT NULL,
	"indicator_code" text NOT NULL,
	"previous_value" double precision NOT NULL,
	"previous_note" text,
	"value" double precision NOT NULL,
	"reason" text NOT NULL,
	"corrected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"corrected_by" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "indicator_corrections" ADD CONSTRAINT "indicator_corrections_report_id_indicator_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."indicator_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_corrections" ADD CONSTRAINT "indicator_corrections_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_corrections" ADD CONSTRAINT "indicator_corrections_corrected_by_users_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_corrections_report_id_index" ON "indicator_corrections" USING btree ("report_id");--> statement-breakpoint
-- A municipality's public indicators (its page and the open data) are cached per progress stamp:
-- sending a period and correcting a sent one move the municipality's stamp at commit (the
-- deferred trigger of 0010_progress_stamp_triggers.sql). Drafts are never public: no stamp.
CREATE CONSTRAINT TRIGGER indicator_reports_progress_stamp AFTER UPDATE ON indicator_reports
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.status = 'submitted')
  EXECUTE FUNCTION mrtm_progress_touch_municipality();

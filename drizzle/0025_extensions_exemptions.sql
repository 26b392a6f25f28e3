CREATE TYPE "public"."extension_status" AS ENUM('pending', 'approved', 'refused');--> statement-breakpoint
CREATE TABLE "deadline_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tool_instance_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"deadline_before" date NOT NULL,
	"requested_on" date NOT NULL,
	"reason" text NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "extension_status" DEFAULT 'pending' NOT NULL,
	"granted_on" date,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tool_exemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"tool_code" text NOT NULL,
	"reason" text NOT NULL,
	"exempted_by" uuid,
	"exempted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" uuid,
	"lift_reason" text
);
--> statement-breakpoint
ALTER TABLE "tool_instances" ADD COLUMN "original_deadline" date;--> statement-breakpoint
ALTER TABLE "tool_instances" ADD COLUMN "extended_to" date;--> statement-breakpoint
ALTER TABLE "deadline_extensions" ADD CONSTRAINT "deadline_extensions_tool_instance_id_tool_instances_id_fk" FOREIGN KEY ("tool_instance_id") REFERENCES "public"."tool_instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_extensions" ADD CONSTRAINT "deadline_extensions_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_extensions" ADD CONSTRAINT "deadline_extensions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_extensions" ADD CONSTRAINT "deadline_extensions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tool_exemptions" ADD CONSTRAINT "tool_exemptions_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tool_exemptions" ADD CONSTRAINT "tool_exemptions_exempted_by_users_id_fk" FOREIGN KEY ("exempted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tool_exemptions" ADD CONSTRAINT "tool_exemptions_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deadline_extensions_one_pending" ON "deadline_extensions" USING btree ("tool_instance_id") WHERE "deadline_extensions"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "deadline_extensions_status_index" ON "deadline_extensions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "deadline_extensions_municipality_cvegeo_index" ON "deadline_extensions" USING btree ("municipality_cvegeo");--> statement-breakpoint
CREATE UNIQUE INDEX "tool_exemptions_one_active" ON "tool_exemptions" USING btree ("municipality_cvegeo","tool_code") WHERE "tool_exemptions"."lifted_at" is null;--> statement-breakpoint
-- An exemption changes the municipality's index: its progress stamp moves at commit (see 0010).
CREATE CONSTRAINT TRIGGER tool_exemptions_progress_stamp AFTER INSERT OR UPDATE OR DELETE ON tool_exemptions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mrtm_progress_touch_municipality();--> statement-breakpoint
CREATE TRIGGER tool_exemptions_progress_truncate AFTER TRUNCATE ON tool_exemptions
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_progress_touch_all();

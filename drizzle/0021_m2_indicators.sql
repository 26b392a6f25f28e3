CREATE TYPE "public"."indicator_report_status" AS ENUM('draft', 'submitted');--> statement-breakpoint
CREATE TABLE "indicator_adoptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tool_instance_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"model_version" integer,
	"start_year" integer NOT NULL,
	"items" jsonb NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"adopted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"adopted_by" uuid NOT NULL,
	CONSTRAINT "indicator_adoptions_toolInstanceId_unique" UNIQUE("tool_instance_id"),
	CONSTRAINT "indicator_adoptions_municipalityCvegeo_unique" UNIQUE("municipality_cvegeo")
);
--> statement-breakpoint
CREATE TABLE "indicator_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"adoption_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"period_key" text NOT NULL,
	"status" "indicator_report_status" DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	CONSTRAINT "indicator_reports_one_per_period" UNIQUE("adoption_id","period_key")
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"indicator_code" text NOT NULL,
	"period_key" text NOT NULL,
	"value" double precision NOT NULL,
	"note" text,
	CONSTRAINT "indicator_values_one_per_report" UNIQUE("report_id","indicator_code")
);
--> statement-breakpoint
ALTER TABLE "indicator_adoptions" ADD CONSTRAINT "indicator_adoptions_tool_instance_id_tool_instances_id_fk" FOREIGN KEY ("tool_instance_id") REFERENCES "public"."tool_instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_adoptions" ADD CONSTRAINT "indicator_adoptions_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_adoptions" ADD CONSTRAINT "indicator_adoptions_adopted_by_users_id_fk" FOREIGN KEY ("adopted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_adoption_id_indicator_adoptions_id_fk" FOREIGN KEY ("adoption_id") REFERENCES "public"."indicator_adoptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_report_id_indicator_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."indicator_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_reports_status_period_key_index" ON "indicator_reports" USING btree ("status","period_key");--> statement-breakpoint
CREATE INDEX "indicator_values_indicator_code_period_key_index" ON "indicator_values" USING btree ("indicator_code","period_key");
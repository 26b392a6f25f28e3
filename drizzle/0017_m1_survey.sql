CREATE TYPE "public"."survey_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"answers" jsonb NOT NULL,
	"browser_key" varchar(64) NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"comment_hidden_at" timestamp with time zone,
	"comment_hidden_by" uuid,
	CONSTRAINT "survey_responses_one_per_browser" UNIQUE("survey_id","browser_key")
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tool_instance_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"token" text NOT NULL,
	"status" "survey_status" DEFAULT 'open' NOT NULL,
	"questions" jsonb NOT NULL,
	"privacy_notice" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_by" uuid NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	CONSTRAINT "surveys_toolInstanceId_unique" UNIQUE("tool_instance_id"),
	CONSTRAINT "surveys_token_unique" UNIQUE("token")
);
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_comment_hidden_by_users_id_fk" FOREIGN KEY ("comment_hidden_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_tool_instance_id_tool_instances_id_fk" FOREIGN KEY ("tool_instance_id") REFERENCES "public"."tool_instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_responses_survey_id_submitted_at_index" ON "survey_responses" USING btree ("survey_id","submitted_at");
CREATE TYPE "public"."improvement_action_status" AS ENUM('planned', 'in_progress', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."improvement_target_kind" AS ENUM('tool_gap', 'observation', 'survey_finding', 'indicator_finding');--> statement-breakpoint
CREATE TYPE "public"."project_card_status" AS ENUM('planned', 'in_progress', 'completed', 'cancelled');--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'improvement_evidence';--> statement-breakpoint
CREATE TABLE "improvement_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"description" text NOT NULL,
	"target_kind" "improvement_target_kind" NOT NULL,
	"tool_code" text,
	"observation_id" uuid,
	"finding" text,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"status" "improvement_action_status" DEFAULT 'planned' NOT NULL,
	"completion_note" text,
	"completion_document_id" uuid,
	"completed_on" date,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"tool_instance_id" uuid NOT NULL,
	"title" text NOT NULL,
	"objectives" text NOT NULL,
	"expected_results" text NOT NULL,
	"activities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"budget_cents" bigint NOT NULL,
	"budget_source" text NOT NULL,
	"development_plan_link" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" "project_card_status" DEFAULT 'planned' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_observation_id_observations_id_fk" FOREIGN KEY ("observation_id") REFERENCES "public"."observations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_completion_document_id_documents_id_fk" FOREIGN KEY ("completion_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_cards" ADD CONSTRAINT "project_cards_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_cards" ADD CONSTRAINT "project_cards_tool_instance_id_tool_instances_id_fk" FOREIGN KEY ("tool_instance_id") REFERENCES "public"."tool_instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_cards" ADD CONSTRAINT "project_cards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "improvement_actions_municipality_cvegeo_index" ON "improvement_actions" USING btree ("municipality_cvegeo");--> statement-breakpoint
CREATE INDEX "improvement_actions_status_due_on_index" ON "improvement_actions" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "project_cards_municipality_cvegeo_index" ON "project_cards" USING btree ("municipality_cvegeo");--> statement-breakpoint
CREATE INDEX "project_cards_tool_instance_id_index" ON "project_cards" USING btree ("tool_instance_id");
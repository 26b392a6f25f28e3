CREATE TYPE "public"."tool_state" AS ENUM('pending', 'in_progress', 'submitted', 'changes_requested', 'validated');--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"signed_on" date NOT NULL,
	"cohort" text NOT NULL,
	"model_version_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_municipalityCvegeo_unique" UNIQUE("municipality_cvegeo")
);
--> statement-breakpoint
CREATE TABLE "liaison_designations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"user_id" uuid NOT NULL,
	"designated_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"ended_at" timestamp with time zone,
	"ended_by" uuid
);
--> statement-breakpoint
CREATE TABLE "tool_instances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"agreement_id" uuid NOT NULL,
	"model_tool_id" uuid NOT NULL,
	"tool_code" text NOT NULL,
	"part_code" text,
	"cycle" integer DEFAULT 1 NOT NULL,
	"opens_on" date NOT NULL,
	"deadline" date,
	"state" "tool_state" DEFAULT 'pending' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"first_submitted_at" timestamp with time zone,
	"validated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tool_instances_identity" UNIQUE NULLS NOT DISTINCT("municipality_cvegeo","tool_code","part_code","cycle")
);
--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_designations" ADD CONSTRAINT "liaison_designations_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_designations" ADD CONSTRAINT "liaison_designations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_designations" ADD CONSTRAINT "liaison_designations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_designations" ADD CONSTRAINT "liaison_designations_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tool_instances" ADD CONSTRAINT "tool_instances_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tool_instances" ADD CONSTRAINT "tool_instances_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tool_instances" ADD CONSTRAINT "tool_instances_model_tool_id_model_tools_id_fk" FOREIGN KEY ("model_tool_id") REFERENCES "public"."model_tools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "liaison_designations_one_current" ON "liaison_designations" USING btree ("municipality_cvegeo") WHERE "liaison_designations"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "liaison_designations_user_id_index" ON "liaison_designations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "tool_instances_state_index" ON "tool_instances" USING btree ("state");--> statement-breakpoint
CREATE INDEX "tool_instances_deadline_index" ON "tool_instances" USING btree ("deadline");
CREATE TYPE "public"."model_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."period_kind" AS ENUM('months', 'annual', 'project', 'on_agreement');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'reviewer', 'liaison', 'collaborator');--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"municipality_cvegeo" varchar(5),
	"before" jsonb,
	"after" jsonb,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "institution" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"unit_name" text NOT NULL,
	"state_name" text NOT NULL,
	"logo" "bytea",
	"logo_mime" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "institution_single_row" CHECK ("institution"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "model_dimensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_version_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"weight" double precision DEFAULT 1 NOT NULL,
	CONSTRAINT "model_dimensions_modelVersionId_code_unique" UNIQUE("model_version_id","code")
);
--> statement-breakpoint
CREATE TABLE "model_tool_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tool_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	CONSTRAINT "model_tool_parts_toolId_code_unique" UNIQUE("tool_id","code")
);
--> statement-breakpoint
CREATE TABLE "model_tools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_version_id" uuid NOT NULL,
	"dimension_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"period_kind" "period_kind" NOT NULL,
	"period_months" integer,
	"period_label" text NOT NULL,
	"weight" double precision DEFAULT 1 NOT NULL,
	"criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"maturity_levels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "model_tools_modelVersionId_code_unique" UNIQUE("model_version_id","code")
);
--> statement-breakpoint
CREATE TABLE "model_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer,
	"label" text NOT NULL,
	"status" "model_status" NOT NULL,
	"based_on_id" uuid,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	CONSTRAINT "model_versions_version_unique" UNIQUE("version")
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"cvegeo" varchar(5) PRIMARY KEY NOT NULL,
	"state_code" varchar(2) NOT NULL,
	"cve_mun" varchar(3) NOT NULL,
	"name" text NOT NULL,
	"name_folded" text NOT NULL,
	"population_2020" integer
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" NOT NULL,
	"municipality_cvegeo" varchar(5),
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone,
	"deactivated_at" timestamp with time zone,
	CONSTRAINT "users_municipal_role_has_municipality" CHECK (("users"."role" in ('liaison', 'collaborator')) = ("users"."municipality_cvegeo" is not null))
);
--> statement-breakpoint
ALTER TABLE "model_dimensions" ADD CONSTRAINT "model_dimensions_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_tool_parts" ADD CONSTRAINT "model_tool_parts_tool_id_model_tools_id_fk" FOREIGN KEY ("tool_id") REFERENCES "public"."model_tools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_tools" ADD CONSTRAINT "model_tools_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_tools" ADD CONSTRAINT "model_tools_dimension_id_model_dimensions_id_fk" FOREIGN KEY ("dimension_id") REFERENCES "public"."model_dimensions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_based_on_id_model_versions_id_fk" FOREIGN KEY ("based_on_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_occurred_at_index" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_entity_type_entity_id_index" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_id_index" ON "audit_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_events_action_entity_id_occurred_at_index" ON "audit_events" USING btree ("action","entity_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "model_versions_single_draft" ON "model_versions" USING btree ("status") WHERE "model_versions"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "municipalities_name_folded_index" ON "municipalities" USING btree ("name_folded");--> statement-breakpoint
CREATE INDEX "sessions_user_id_index" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_index" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_municipality_cvegeo_index" ON "users" USING btree ("municipality_cvegeo");
CREATE TYPE "public"."consultation_comment_status" AS ENUM('pending', 'published', 'rejected');--> statement-breakpoint
CREATE TABLE "consultation_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"section_key" text,
	"author_name" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"browser_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "consultation_comment_status" DEFAULT 'pending' NOT NULL,
	"answer" text DEFAULT '' NOT NULL,
	"moderated_at" timestamp with time zone,
	"moderated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tool_instance_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"token" text NOT NULL,
	"document" jsonb NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_by" uuid NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	CONSTRAINT "consultations_toolInstanceId_unique" UNIQUE("tool_instance_id"),
	CONSTRAINT "consultations_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tool_instance_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"held_on" date NOT NULL,
	"topic" text NOT NULL,
	"hours" numeric(5, 1) NOT NULL,
	"audience" text NOT NULL,
	"people_trained" integer NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_tool_instance_id_tool_instances_id_fk" FOREIGN KEY ("tool_instance_id") REFERENCES "public"."tool_instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_tool_instance_id_tool_instances_id_fk" FOREIGN KEY ("tool_instance_id") REFERENCES "public"."tool_instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_comments_consultation_id_created_at_index" ON "consultation_comments" USING btree ("consultation_id","created_at");--> statement-breakpoint
CREATE INDEX "training_sessions_tool_instance_id_held_on_index" ON "training_sessions" USING btree ("tool_instance_id","held_on");
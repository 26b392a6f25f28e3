CREATE TYPE "public"."commitment_status" AS ENUM('open', 'closed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."support_modality" AS ENUM('in_person', 'virtual', 'hybrid');--> statement-breakpoint
CREATE TYPE "public"."support_action_status" AS ENUM('planned', 'held', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."support_action_type" AS ENUM('working_meeting', 'training', 'advisory');--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"run_on" date NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"summary" text,
	CONSTRAINT "job_runs_job_run_on_pk" PRIMARY KEY("job","run_on")
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notification_id" uuid,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"email" boolean NOT NULL,
	CONSTRAINT "notification_preferences_user_id_kind_pk" PRIMARY KEY("user_id","kind")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"content_sha256" varchar(64) NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"content" jsonb NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	CONSTRAINT "report_cards_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "score_snapshots" (
	"taken_on" date NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"implementation_index" double precision NOT NULL,
	"on_time_rate" double precision,
	"dimensions" jsonb NOT NULL,
	CONSTRAINT "score_snapshots_taken_on_municipality_cvegeo_pk" PRIMARY KEY("taken_on","municipality_cvegeo")
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"description" text NOT NULL,
	"municipality_cvegeo" varchar(5),
	"owner_user_id" uuid,
	"owner_name" text NOT NULL,
	"due_on" date NOT NULL,
	"status" "commitment_status" DEFAULT 'open' NOT NULL,
	"closing_note" text,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_action_attendees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"name" text NOT NULL,
	"position" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_action_baselines" (
	"action_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"tool_code" text NOT NULL,
	"state" text NOT NULL,
	CONSTRAINT "support_action_baselines_action_id_municipality_cvegeo_tool_code_pk" PRIMARY KEY("action_id","municipality_cvegeo","tool_code")
);
--> statement-breakpoint
CREATE TABLE "support_action_facilitators" (
	"action_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "support_action_facilitators_action_id_user_id_pk" PRIMARY KEY("action_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "support_action_invitations" (
	"action_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	CONSTRAINT "support_action_invitations_action_id_municipality_cvegeo_pk" PRIMARY KEY("action_id","municipality_cvegeo")
);
--> statement-breakpoint
CREATE TABLE "support_action_tools" (
	"action_id" uuid NOT NULL,
	"tool_code" text NOT NULL,
	CONSTRAINT "support_action_tools_action_id_tool_code_pk" PRIMARY KEY("action_id","tool_code")
);
--> statement-breakpoint
CREATE TABLE "support_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" "support_action_type" NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"modality" "support_modality" NOT NULL,
	"place" text,
	"link" text,
	"status" "support_action_status" DEFAULT 'planned' NOT NULL,
	"minutes" text,
	"minutes_document_id" uuid,
	"held_on" date,
	"cancel_reason" text,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tool_instances" ADD COLUMN "maturity" double precision;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "maturity_level" integer;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_cards" ADD CONSTRAINT "report_cards_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_cards" ADD CONSTRAINT "report_cards_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD CONSTRAINT "score_snapshots_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_action_id_support_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."support_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_action_attendees" ADD CONSTRAINT "support_action_attendees_action_id_support_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."support_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_action_attendees" ADD CONSTRAINT "support_action_attendees_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_action_baselines" ADD CONSTRAINT "support_action_baselines_action_id_support_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."support_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_action_facilitators" ADD CONSTRAINT "support_action_facilitators_action_id_support_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."support_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_action_facilitators" ADD CONSTRAINT "support_action_facilitators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_action_invitations" ADD CONSTRAINT "support_action_invitations_action_id_support_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."support_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_action_invitations" ADD CONSTRAINT "support_action_invitations_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_action_tools" ADD CONSTRAINT "support_action_tools_action_id_support_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."support_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_actions" ADD CONSTRAINT "support_actions_minutes_document_id_documents_id_fk" FOREIGN KEY ("minutes_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_actions" ADD CONSTRAINT "support_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_status_created_at_index" ON "mail_outbox" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_user_id_created_at_index" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "report_cards_municipality_cvegeo_index" ON "report_cards" USING btree ("municipality_cvegeo");--> statement-breakpoint
CREATE INDEX "score_snapshots_municipality_cvegeo_index" ON "score_snapshots" USING btree ("municipality_cvegeo");--> statement-breakpoint
CREATE INDEX "commitments_action_id_index" ON "commitments" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "commitments_status_due_on_index" ON "commitments" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "support_action_attendees_action_id_index" ON "support_action_attendees" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "support_action_facilitators_user_id_index" ON "support_action_facilitators" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "support_action_invitations_municipality_cvegeo_index" ON "support_action_invitations" USING btree ("municipality_cvegeo");--> statement-breakpoint
CREATE INDEX "support_actions_starts_at_index" ON "support_actions" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "support_actions_status_index" ON "support_actions" USING btree ("status");
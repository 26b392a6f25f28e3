CREATE TYPE "public"."report_card_batch_scope" AS ENUM('all', 'cohort');--> statement-breakpoint
CREATE TYPE "public"."report_card_batch_status" AS ENUM('running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "report_card_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" "report_card_batch_scope" NOT NULL,
	"cohort" text,
	"status" "report_card_batch_status" DEFAULT 'running' NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"skipped" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "report_cards" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "report_card_batches" ADD CONSTRAINT "report_card_batches_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_card_batches_one_running" ON "report_card_batches" USING btree ("status") WHERE "report_card_batches"."status" = 'running';--> statement-breakpoint
ALTER TABLE "report_cards" ADD CONSTRAINT "report_cards_batch_id_report_card_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."report_card_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_cards_batch_id_index" ON "report_cards" USING btree ("batch_id");
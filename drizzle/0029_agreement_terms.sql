CREATE TYPE "public"."agreement_change_kind" AS ENUM('renewal', 'ratification', 'suspension', 'resumption', 'termination');--> statement-breakpoint
CREATE TYPE "public"."participation_status" AS ENUM('active', 'suspended', 'ended');--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'agreement_change';--> statement-breakpoint
CREATE TABLE "agreement_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"kind" "agreement_change_kind" NOT NULL,
	"effective_on" date NOT NULL,
	"valid_until" date,
	"reason" text DEFAULT '' NOT NULL,
	"document_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "participation" "participation_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "participation_since" date;--> statement-breakpoint
ALTER TABLE "agreement_changes" ADD CONSTRAINT "agreement_changes_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_changes" ADD CONSTRAINT "agreement_changes_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_changes" ADD CONSTRAINT "agreement_changes_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_changes" ADD CONSTRAINT "agreement_changes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_changes_agreement_id_effective_on_index" ON "agreement_changes" USING btree ("agreement_id","effective_on");
ALTER TYPE "public"."document_kind" ADD VALUE 'minutes';--> statement-breakpoint
ALTER TABLE "documents" ALTER COLUMN "municipality_cvegeo" DROP NOT NULL;
CREATE TABLE "diagnostic_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"round" integer NOT NULL,
	"administration_id" uuid,
	"answers" jsonb NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"closed_by" uuid,
	CONSTRAINT "diagnostic_rounds_round" UNIQUE("municipality_cvegeo","round")
);
--> statement-breakpoint
ALTER TABLE "diagnostics" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "diagnostics" ADD COLUMN "administration_id" uuid;--> statement-breakpoint
ALTER TABLE "diagnostic_rounds" ADD CONSTRAINT "diagnostic_rounds_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnostic_rounds" ADD CONSTRAINT "diagnostic_rounds_administration_id_administrations_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnostic_rounds" ADD CONSTRAINT "diagnostic_rounds_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnostic_rounds" ADD CONSTRAINT "diagnostic_rounds_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnostics" ADD CONSTRAINT "diagnostics_administration_id_administrations_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- custom:
-- A diagnostic submitted before rounds existed belongs to the latest administration that had
-- started by the day it was submitted.
UPDATE "diagnostics" AS d SET "administration_id" = (
  SELECT a."id" FROM "administrations" AS a
  WHERE a."municipality_cvegeo" = d."municipality_cvegeo"
    AND a."starts_on" <= (d."submitted_at" AT TIME ZONE 'America/Mexico_City')::date
  ORDER BY a."starts_on" DESC LIMIT 1
) WHERE d."status" = 'submitted';

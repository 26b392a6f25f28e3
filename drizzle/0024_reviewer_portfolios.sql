CREATE TABLE "reviewer_municipalities" (
	"reviewer_id" uuid NOT NULL,
	"municipality_cvegeo" varchar(5) NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviewer_municipalities_reviewer_id_municipality_cvegeo_pk" PRIMARY KEY("reviewer_id","municipality_cvegeo")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "notify_unassigned_submissions" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "reviewer_municipalities" ADD CONSTRAINT "reviewer_municipalities_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviewer_municipalities" ADD CONSTRAINT "reviewer_municipalities_municipality_cvegeo_municipalities_cvegeo_fk" FOREIGN KEY ("municipality_cvegeo") REFERENCES "public"."municipalities"("cvegeo") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reviewer_municipalities_municipality_cvegeo_index" ON "reviewer_municipalities" USING btree ("municipality_cvegeo");
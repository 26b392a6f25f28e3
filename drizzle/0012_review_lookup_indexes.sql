DROP INDEX "reviews_tool_instance_id_index";--> statement-breakpoint
CREATE INDEX "observations_review_id_index" ON "observations" USING btree ("review_id");--> statement-breakpoint
CREATE INDEX "reviews_tool_instance_id_decided_at_index" ON "reviews" USING btree ("tool_instance_id","decided_at");
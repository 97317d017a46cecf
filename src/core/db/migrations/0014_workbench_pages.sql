-- Workbench pages at 100,000 cases (issue 20). village_hash and village_sealed are filled for
-- existing cases at start-up (tagCaseVillages), not here: they need the PII key, which SQL has not.
DROP INDEX "cases_township_state_idx";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "village_hash" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "village_sealed" text;--> statement-breakpoint
CREATE INDEX "case_events_type_at_idx" ON "case_events" USING btree ("event_type","at");--> statement-breakpoint
CREATE INDEX "cases_township_state_program_idx" ON "cases" USING btree ("township_id","state","program");--> statement-breakpoint
CREATE INDEX "cases_residence_township_idx" ON "cases" USING btree ("residence_township_id") WHERE "cases"."residence_township_id" is not null;--> statement-breakpoint
CREATE INDEX "due_timers_case_open_idx" ON "due_timers" USING btree ("case_id","due_on","kind") WHERE "due_timers"."status" = 'open';

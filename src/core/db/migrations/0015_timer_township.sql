-- Each timer carries its case's township (issue 20): the dashboard counts deadlines per township
-- without joining every case. Existing timers take it from their case; a case never moves.
ALTER TABLE "due_timers" ADD COLUMN "township_id" text;--> statement-breakpoint
UPDATE "due_timers" SET "township_id" = "cases"."township_id" FROM "cases" WHERE "cases"."id" = "due_timers"."case_id";

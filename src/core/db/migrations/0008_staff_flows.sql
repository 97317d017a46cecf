CREATE TABLE "alerts_sent" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"case_id" text,
	"kind" text NOT NULL,
	"recipient" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bureau_warnings" (
	"id" text PRIMARY KEY NOT NULL,
	"township_id" text NOT NULL,
	"case_id" text,
	"subject_id_hash" text NOT NULL,
	"reason" text NOT NULL,
	"received_on" text NOT NULL,
	"due_on" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cron_runs" (
	"job" text NOT NULL,
	"tick" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "meeting_invitations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" bigint NOT NULL,
	"user_id" text NOT NULL,
	"task_id" text NOT NULL,
	"answer" text DEFAULT 'pending' NOT NULL,
	"answered_at" timestamp with time zone,
	"reminded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"township_id" text NOT NULL,
	"organiser_id" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monthly_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"month" text NOT NULL,
	"township_id" text NOT NULL,
	"storage_path" text NOT NULL,
	"figures" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spot_checks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"batch" text NOT NULL,
	"seed" text NOT NULL,
	"case_id" text NOT NULL,
	"township_id" text NOT NULL,
	"findings" text,
	"rectify_by" text,
	"status" text DEFAULT 'sampled' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_sent_key_uq" ON "alerts_sent" USING btree ("key","recipient");--> statement-breakpoint
CREATE INDEX "bureau_warnings_open_idx" ON "bureau_warnings" USING btree ("township_id","due_on") WHERE "bureau_warnings"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "cron_runs_job_tick_uq" ON "cron_runs" USING btree ("job","tick");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_invitations_member_uq" ON "meeting_invitations" USING btree ("meeting_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_invitations_task_uq" ON "meeting_invitations" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "meetings_township_idx" ON "meetings" USING btree ("township_id","held_at");--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_reports_month_township_uq" ON "monthly_reports" USING btree ("month","township_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spot_checks_batch_case_uq" ON "spot_checks" USING btree ("batch","case_id");
CREATE TABLE "case_notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"kind" text NOT NULL,
	"template_id" text NOT NULL,
	"template_version" integer NOT NULL,
	"text" text NOT NULL,
	"recipient" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"case_seq" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handoffs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"user_id" text NOT NULL,
	"open_kfid" text,
	"township_id" text NOT NULL,
	"question" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"notified" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_files" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"inbound_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"user_id" text NOT NULL,
	"case_id" text,
	"material_id" text,
	"msg_type" text NOT NULL,
	"media_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"storage_path" text,
	"content_type" text,
	"bytes" integer,
	"sha256" text,
	"created_at" timestamp with time zone NOT NULL,
	"stored_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "staff_members" (
	"user_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"township_id" text,
	"position" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "applicant_user_id" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "applicant_channel" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "applicant_open_kfid" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "application_sealed" text;--> statement-breakpoint
CREATE INDEX "case_notices_case_idx" ON "case_notices" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "handoffs_township_status_idx" ON "handoffs" USING btree ("township_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_files_inbound_uq" ON "resident_files" USING btree ("inbound_id");--> statement-breakpoint
CREATE INDEX "resident_files_pending_idx" ON "resident_files" USING btree ("next_attempt_at") WHERE "resident_files"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "resident_files_case_idx" ON "resident_files" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "staff_members_township_role_idx" ON "staff_members" USING btree ("township_id","role");--> statement-breakpoint
CREATE INDEX "cases_applicant_user_idx" ON "cases" USING btree ("applicant_user_id");
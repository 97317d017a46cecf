CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"seq" integer NOT NULL,
	"event_type" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_role" text NOT NULL,
	"actor_township" text,
	"at" timestamp with time zone NOT NULL,
	"reason" text,
	"payload" jsonb NOT NULL,
	"rule_versions" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_members" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"id_sealed" text,
	"id_hash" text,
	"circumstances" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"program" text NOT NULL,
	"business_type" text NOT NULL,
	"temporary_aid_kind" text,
	"township_id" text NOT NULL,
	"residence_township_id" text,
	"state" text NOT NULL,
	"submitted_by" text NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_sealed" text NOT NULL,
	"applicant_id_hash" text NOT NULL,
	"applicant_phone_sealed" text,
	"applicant_phone_hash" text,
	"household_size" integer NOT NULL,
	"near_relative_declared" boolean DEFAULT false NOT NULL,
	"near_relative_detected" boolean DEFAULT false NOT NULL,
	"near_relative_filed" boolean DEFAULT false NOT NULL,
	"hiv_tagged" boolean DEFAULT false NOT NULL,
	"accepted_on" text,
	"amount_fen_per_month" integer,
	"start_month" text,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "due_timers" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"kind" text NOT NULL,
	"due_on" text NOT NULL,
	"warn_on" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"calendar_version" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "townships" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_case_seq_uq" ON "case_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "case_members_case_idx" ON "case_members" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_members_id_hash_idx" ON "case_members" USING btree ("id_hash");--> statement-breakpoint
CREATE INDEX "cases_township_state_idx" ON "cases" USING btree ("township_id","state");--> statement-breakpoint
CREATE INDEX "cases_applicant_id_hash_idx" ON "cases" USING btree ("applicant_id_hash");--> statement-breakpoint
CREATE INDEX "due_timers_open_idx" ON "due_timers" USING btree ("due_on") WHERE "due_timers"."status" = 'open';--> statement-breakpoint
CREATE INDEX "due_timers_case_idx" ON "due_timers" USING btree ("case_id");
CREATE TABLE "handoff_answers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"handoff_id" bigint NOT NULL,
	"staff_id" text NOT NULL,
	"text" text NOT NULL,
	"delivery" text DEFAULT 'queued' NOT NULL,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "handoffs" ADD COLUMN "case_id" text;--> statement-breakpoint
ALTER TABLE "handoffs" ADD COLUMN "answered_by" text;--> statement-breakpoint
ALTER TABLE "handoffs" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "handoff_answers_handoff_idx" ON "handoff_answers" USING btree ("handoff_id");
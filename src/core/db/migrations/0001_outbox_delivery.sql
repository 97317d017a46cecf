CREATE TABLE "card_response_codes" (
	"response_code" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"user_id" text,
	"source" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kf_cursors" (
	"open_kfid" text PRIMARY KEY NOT NULL,
	"cursor" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_sends" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"outbox_id" bigint NOT NULL,
	"part" integer NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"wecom_msgid" text,
	"invalid_users" text
);
--> statement-breakpoint
CREATE TABLE "wecom_access_tokens" (
	"cache_key" text PRIMARY KEY NOT NULL,
	"access_token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "outbox_pending_idx";--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "open_kfid" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "card_response_codes_task_idx" ON "card_response_codes" USING btree ("task_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_sends_part_uq" ON "outbox_sends" USING btree ("outbox_id","part");--> statement-breakpoint
CREATE INDEX "outbox_sends_window_idx" ON "outbox_sends" USING btree ("channel","recipient","sent_at");--> statement-breakpoint
CREATE INDEX "outbox_sends_time_idx" ON "outbox_sends" USING btree ("sent_at");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("channel","recipient","id") WHERE "outbox"."status" = 'pending';
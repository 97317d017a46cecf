ALTER TABLE "meetings" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "cancelled_by" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "cancel_reason" text;
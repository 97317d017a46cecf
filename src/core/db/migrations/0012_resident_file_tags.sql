ALTER TABLE "resident_files" ADD COLUMN "tagged_by" text;--> statement-breakpoint
ALTER TABLE "resident_files" ADD COLUMN "tagged_at" timestamp with time zone;
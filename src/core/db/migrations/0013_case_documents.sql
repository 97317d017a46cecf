CREATE TABLE "case_documents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"kind" text NOT NULL,
	"template_id" text NOT NULL,
	"template_version" integer NOT NULL,
	"sha256" text NOT NULL,
	"pages" integer NOT NULL,
	"bytes" integer NOT NULL,
	"storage_path" text NOT NULL,
	"generated_by" text NOT NULL,
	"generated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "resident_files" ADD COLUMN "signed_document" text;--> statement-breakpoint
CREATE INDEX "case_documents_case_idx" ON "case_documents" USING btree ("case_id","kind");
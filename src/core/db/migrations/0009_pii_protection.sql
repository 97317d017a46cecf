CREATE TABLE "pii_reads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reader_id" text NOT NULL,
	"reader_role" text NOT NULL,
	"reader_township" text,
	"case_id" text NOT NULL,
	"field" text NOT NULL,
	"purpose" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbound_messages" ALTER COLUMN "payload" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "payload_sealed" text;--> statement-breakpoint
CREATE INDEX "pii_reads_case_idx" ON "pii_reads" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "pii_reads_reader_idx" ON "pii_reads" USING btree ("reader_id","at");--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD CONSTRAINT "inbound_messages_payload_present" CHECK ("inbound_messages"."payload" is not null or "inbound_messages"."payload_sealed" is not null);--> statement-breakpoint
-- Rows stored before this migration keep their clear payload until the service seals them at
-- start (src/core/inbox/inbound-payload.ts: SQL has no key). The audit of full-ID reads is append-only.
CREATE FUNCTION pii_reads_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'pii_reads is append-only (% refused)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER pii_reads_no_update_or_delete
  BEFORE UPDATE OR DELETE ON pii_reads
  FOR EACH ROW EXECUTE FUNCTION pii_reads_append_only();

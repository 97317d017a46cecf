-- The audit trail is append-only: refuse UPDATE and DELETE on case_events at the database too,
-- so no code path (nor a hand-typed query) can rewrite a case's history.
CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only (% refused)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_append_only();

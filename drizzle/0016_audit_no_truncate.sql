-- TRUNCATE fires no row trigger, so the append-only rule of 0001/0011 did not cover it: one
-- statement emptied the audit trail (docs/decisions/0009-audit-hash-chain.md). A statement-level
-- trigger refuses it too. The only paths that empty every table on purpose (loading an archive into
-- a new instance, the test suite's reset) do it inside one transaction with
-- `SET LOCAL session_replication_role = replica`, which skips ordinary triggers for that
-- transaction only and needs a superuser or the table owner's explicit grant.
CREATE FUNCTION mrtm_refuse_audit_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (TRUNCATE refused)' USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_refuse_audit_truncate();

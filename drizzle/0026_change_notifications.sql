-- Change notifications (decision 0027): every process caches sessions and the progress, and learns
-- that another process changed them from `NOTIFY mrtm_changes`, sent at commit (a notification
-- inside a transaction is delivered when it commits, never if it rolls back, and a payload sent
-- twice in one transaction is delivered once). Payloads: `progress` (a progress stamp moved) and
-- `auth` (what a cached session depends on may have changed).
CREATE OR REPLACE FUNCTION mrtm_progress_touch(touched text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF touched IS NULL OR current_setting('mrtm.progress_' || touched, true) = 'touched' THEN
    RETURN;
  END IF;
  PERFORM set_config('mrtm.progress_' || touched, 'touched', true);
  -- `any` first: every writer takes it before any other stamp row, so writers queue, never cross.
  IF current_setting('mrtm.progress_any', true) IS DISTINCT FROM 'touched' THEN
    PERFORM set_config('mrtm.progress_any', 'touched', true);
    INSERT INTO progress_stamps (scope, stamp) VALUES ('any', nextval('progress_stamp_seq'))
      ON CONFLICT (scope) DO UPDATE SET stamp = excluded.stamp;
    PERFORM pg_notify('mrtm_changes', 'progress');
  END IF;
  IF touched <> 'any' THEN
    INSERT INTO progress_stamps (scope, stamp) VALUES (touched, nextval('progress_stamp_seq'))
      ON CONFLICT (scope) DO UPDATE SET stamp = excluded.stamp;
  END IF;
END;
$$;--> statement-breakpoint
CREATE FUNCTION mrtm_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('mrtm_changes', 'auth');
  RETURN NULL;
END;
$$;--> statement-breakpoint
-- A session ends (sign-out, revocation) or an account, a designation or a municipality's name
-- changes: whatever a cached session carries. Statement-level: one notification per statement.
CREATE TRIGGER sessions_auth_changed AFTER DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_auth_changed();--> statement-breakpoint
CREATE TRIGGER users_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_auth_changed();--> statement-breakpoint
CREATE TRIGGER liaison_designations_auth_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON liaison_designations
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_auth_changed();--> statement-breakpoint
CREATE TRIGGER municipalities_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON municipalities
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_auth_changed();

-- Change stamps for the progress cache (see progress_stamps in src/server/db/schema/scores.ts).
-- The triggers are deferred constraint triggers: they run at commit, after every other lock of the
-- transaction is taken, so bumping the shared `any` row cannot deadlock with row locks taken
-- earlier (a diagnostic submitting many instances while a reviewer decides one of them). Each
-- scope is bumped once per transaction (a transaction-local setting remembers it), so a bulk
-- insert of thousands of instances costs one upsert per municipality, not one per row.
CREATE SEQUENCE progress_stamp_seq;--> statement-breakpoint
CREATE FUNCTION mrtm_progress_touch(touched text) RETURNS void LANGUAGE plpgsql AS $$
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
  END IF;
  IF touched <> 'any' THEN
    INSERT INTO progress_stamps (scope, stamp) VALUES (touched, nextval('progress_stamp_seq'))
      ON CONFLICT (scope) DO UPDATE SET stamp = excluded.stamp;
  END IF;
END;
$$;--> statement-breakpoint
CREATE FUNCTION mrtm_progress_touch_municipality() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM mrtm_progress_touch(OLD.municipality_cvegeo);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM mrtm_progress_touch(NEW.municipality_cvegeo);
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION mrtm_progress_touch_instance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  instance_id uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    instance_id := OLD.tool_instance_id;
  ELSE
    instance_id := NEW.tool_instance_id;
  END IF;
  PERFORM mrtm_progress_touch(
    COALESCE((SELECT municipality_cvegeo FROM tool_instances WHERE id = instance_id), 'all')
  );
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION mrtm_progress_touch_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM mrtm_progress_touch('all');
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER tool_instances_progress_stamp AFTER INSERT OR UPDATE OR DELETE ON tool_instances
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mrtm_progress_touch_municipality();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER agreements_progress_stamp AFTER INSERT OR UPDATE OR DELETE ON agreements
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mrtm_progress_touch_municipality();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER submissions_progress_stamp AFTER INSERT OR UPDATE OR DELETE ON submissions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mrtm_progress_touch_instance();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER reviews_progress_stamp AFTER INSERT OR UPDATE OR DELETE ON reviews
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mrtm_progress_touch_instance();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER observations_progress_stamp AFTER INSERT OR UPDATE OR DELETE ON observations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mrtm_progress_touch_instance();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER municipalities_progress_stamp AFTER INSERT OR UPDATE OR DELETE ON municipalities
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mrtm_progress_touch_all();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER model_versions_progress_stamp AFTER INSERT OR UPDATE OR DELETE ON model_versions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mrtm_progress_touch_all();--> statement-breakpoint
CREATE TRIGGER tool_instances_progress_truncate AFTER TRUNCATE ON tool_instances
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_progress_touch_all();--> statement-breakpoint
CREATE TRIGGER agreements_progress_truncate AFTER TRUNCATE ON agreements
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_progress_touch_all();--> statement-breakpoint
CREATE TRIGGER submissions_progress_truncate AFTER TRUNCATE ON submissions
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_progress_touch_all();--> statement-breakpoint
CREATE TRIGGER reviews_progress_truncate AFTER TRUNCATE ON reviews
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_progress_touch_all();--> statement-breakpoint
CREATE TRIGGER observations_progress_truncate AFTER TRUNCATE ON observations
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_progress_touch_all();--> statement-breakpoint
CREATE TRIGGER municipalities_progress_truncate AFTER TRUNCATE ON municipalities
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_progress_touch_all();--> statement-breakpoint
CREATE TRIGGER model_versions_progress_truncate AFTER TRUNCATE ON model_versions
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_progress_touch_all();

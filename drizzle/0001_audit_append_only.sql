-- The audit trail is append-only and published model versions are immutable. These rules live in
-- the database so that no code path (nor a hurried manual fix through the application) can break them.
CREATE FUNCTION mrtm_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION mrtm_refuse_audit_change();--> statement-breakpoint
CREATE FUNCTION mrtm_refuse_published_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'model version % is published and immutable', OLD.version USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER model_versions_published_immutable BEFORE UPDATE OR DELETE ON model_versions
  FOR EACH ROW EXECUTE FUNCTION mrtm_refuse_published_version_change();--> statement-breakpoint
CREATE FUNCTION mrtm_refuse_published_content_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  version_id uuid;
  version_status model_status;
BEGIN
  IF TG_TABLE_NAME = 'model_tool_parts' THEN
    SELECT t.model_version_id INTO version_id FROM model_tools t
      WHERE t.id = (CASE WHEN TG_OP = 'INSERT' THEN NEW.tool_id ELSE OLD.tool_id END);
  ELSIF TG_OP = 'INSERT' THEN
    version_id := NEW.model_version_id;
  ELSE
    version_id := OLD.model_version_id;
  END IF;
  SELECT status INTO version_status FROM model_versions WHERE id = version_id;
  IF version_status = 'published' THEN
    RAISE EXCEPTION 'content of a published model version is immutable' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER model_dimensions_published_immutable BEFORE INSERT OR UPDATE OR DELETE ON model_dimensions
  FOR EACH ROW EXECUTE FUNCTION mrtm_refuse_published_content_change();--> statement-breakpoint
CREATE TRIGGER model_tools_published_immutable BEFORE INSERT OR UPDATE OR DELETE ON model_tools
  FOR EACH ROW EXECUTE FUNCTION mrtm_refuse_published_content_change();--> statement-breakpoint
CREATE TRIGGER model_tool_parts_published_immutable BEFORE INSERT OR UPDATE OR DELETE ON model_tool_parts
  FOR EACH ROW EXECUTE FUNCTION mrtm_refuse_published_content_change();

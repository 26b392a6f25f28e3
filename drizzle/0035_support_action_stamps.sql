-- custom:
-- «Mi municipio»'s dashboard lists the support actions a municipality is invited to, and its own
-- rows are cached until that municipality's change stamp moves (decision 0027, issue 18). Support
-- actions, their tools and their invitations therefore move the stamps of the municipalities they
-- invite, at commit, like the tables of 0010 (and notify other processes the same way).
CREATE FUNCTION mrtm_progress_touch_invited(action uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  invited text;
BEGIN
  FOR invited IN
    SELECT municipality_cvegeo FROM support_action_invitations WHERE action_id = action
  LOOP
    PERFORM mrtm_progress_touch(invited);
  END LOOP;
END;
$$;--> statement-breakpoint
CREATE FUNCTION mrtm_progress_touch_support_action() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM mrtm_progress_touch_invited(OLD.id);
  ELSE
    PERFORM mrtm_progress_touch_invited(NEW.id);
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION mrtm_progress_touch_support_action_tool() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM mrtm_progress_touch_invited(OLD.action_id);
  ELSE
    PERFORM mrtm_progress_touch_invited(NEW.action_id);
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER support_actions_progress_stamp AFTER INSERT OR UPDATE OR DELETE ON support_actions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mrtm_progress_touch_support_action();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER support_action_tools_progress_stamp AFTER INSERT OR UPDATE OR DELETE ON support_action_tools
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mrtm_progress_touch_support_action_tool();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER support_action_invitations_progress_stamp AFTER INSERT OR UPDATE OR DELETE ON support_action_invitations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mrtm_progress_touch_municipality();--> statement-breakpoint
CREATE TRIGGER support_actions_progress_truncate AFTER TRUNCATE ON support_actions
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_progress_touch_all();--> statement-breakpoint
CREATE TRIGGER support_action_tools_progress_truncate AFTER TRUNCATE ON support_action_tools
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_progress_touch_all();--> statement-breakpoint
CREATE TRIGGER support_action_invitations_progress_truncate AFTER TRUNCATE ON support_action_invitations
  FOR EACH STATEMENT EXECUTE FUNCTION mrtm_progress_touch_all();

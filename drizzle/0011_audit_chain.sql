ALTER TABLE "audit_events" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_seq_index" ON "audit_events" USING btree ("chain_seq");--> statement-breakpoint
CREATE INDEX "audit_events_unsealed_index" ON "audit_events" USING btree ("id") WHERE "audit_events"."chain_seq" is null;--> statement-breakpoint
-- The hash chain (docs/decisions/0008-audit-hash-chain.md): the sealer sets chain_seq and chain_hash
-- once, from NULL, and changes nothing else. Every other UPDATE, and every DELETE, is still refused.
CREATE OR REPLACE FUNCTION mrtm_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.chain_seq IS NULL AND OLD.chain_hash IS NULL
     AND NEW.chain_seq IS NOT NULL AND NEW.chain_hash IS NOT NULL
     AND (to_jsonb(NEW) - 'chain_seq' - 'chain_hash') = (to_jsonb(OLD) - 'chain_seq' - 'chain_hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

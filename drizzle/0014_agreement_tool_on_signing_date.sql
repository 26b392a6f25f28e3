-- The agreement tool (E1, period on_agreement) is validated as of the signing date, on time: its
-- first submission and validation are dated at midday of the signing date in Mexico City (18:00
-- UTC, see signingInstant in src/domain/agreement-tool.ts). Instances registered before this
-- carried the registration's instant and no first submission, so they counted as late.
UPDATE "tool_instances" AS "instance"
SET
  "first_submitted_at" = ("agreement"."signed_on"::timestamp + interval '18 hours') AT TIME ZONE 'UTC',
  "validated_at" = ("agreement"."signed_on"::timestamp + interval '18 hours') AT TIME ZONE 'UTC'
FROM "agreements" AS "agreement", "model_tools" AS "tool"
WHERE "agreement"."id" = "instance"."agreement_id"
  AND "tool"."id" = "instance"."model_tool_id"
  AND "tool"."period_kind" = 'on_agreement'
  AND "instance"."state" = 'validated';

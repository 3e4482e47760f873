-- What approved and paid support records take of each funding source, kept on the source by a
-- trigger, as on the embedded database (prisma/migrations/…_source_totals): a request form reads
-- three columns instead of summing every record the source ever paid. The app never writes them.
ALTER TABLE "FundingSource" ADD COLUMN     "committedCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "committedMinor" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "paidMinor" INTEGER NOT NULL DEFAULT 0;

-- The function's body is a string whose semicolons are written \073: the migration engine's
-- PostgreSQL driver splits a script at every semicolon, even inside quotes (@prisma/adapter-pg).
CREATE FUNCTION "assistance_totals"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP IN (''UPDATE'', ''DELETE'') AND OLD."status" IN (''approved'', ''paid'') THEN
    UPDATE "FundingSource" SET
      "committedMinor" = "committedMinor" - OLD."sourceAmountMinor",
      "committedCount" = "committedCount" - 1,
      "paidMinor" = "paidMinor" - CASE WHEN OLD."status" = ''paid'' THEN OLD."sourceAmountMinor" ELSE 0 END
    WHERE "id" = OLD."fundingSourceId"\073
  END IF\073
  IF TG_OP IN (''INSERT'', ''UPDATE'') AND NEW."status" IN (''approved'', ''paid'') THEN
    UPDATE "FundingSource" SET
      "committedMinor" = "committedMinor" + NEW."sourceAmountMinor",
      "committedCount" = "committedCount" + 1,
      "paidMinor" = "paidMinor" + CASE WHEN NEW."status" = ''paid'' THEN NEW."sourceAmountMinor" ELSE 0 END
    WHERE "id" = NEW."fundingSourceId"\073
  END IF\073
  RETURN NULL\073
END\073
';

CREATE TRIGGER "Assistance_totals" AFTER INSERT OR DELETE OR UPDATE OF "status", "sourceAmountMinor", "fundingSourceId" ON "Assistance"
  FOR EACH ROW EXECUTE FUNCTION "assistance_totals"();

-- The records already there.
UPDATE "FundingSource" SET
  "committedMinor" = COALESCE((SELECT SUM("sourceAmountMinor") FROM "Assistance" WHERE "Assistance"."fundingSourceId" = "FundingSource"."id" AND "status" IN ('approved', 'paid')), 0),
  "committedCount" = (SELECT COUNT(*) FROM "Assistance" WHERE "Assistance"."fundingSourceId" = "FundingSource"."id" AND "status" IN ('approved', 'paid')),
  "paidMinor" = COALESCE((SELECT SUM("sourceAmountMinor") FROM "Assistance" WHERE "Assistance"."fundingSourceId" = "FundingSource"."id" AND "status" = 'paid'), 0);

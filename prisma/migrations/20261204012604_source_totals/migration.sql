-- What approved and paid support records take of each funding source, kept on the source by
-- triggers, so that a request form reads three columns instead of summing every record the
-- source ever paid (the case page grew with them: README's benchmark). The app never writes
-- these columns; the triggers see every writer (the app, the demo and benchmark generators).
ALTER TABLE "FundingSource" ADD COLUMN "committedMinor" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "FundingSource" ADD COLUMN "committedCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "FundingSource" ADD COLUMN "paidMinor" INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER "Assistance_totals_insert" AFTER INSERT ON "Assistance" WHEN NEW."status" IN ('approved', 'paid') BEGIN
  UPDATE "FundingSource" SET
    "committedMinor" = "committedMinor" + NEW."sourceAmountMinor",
    "committedCount" = "committedCount" + 1,
    "paidMinor" = "paidMinor" + CASE WHEN NEW."status" = 'paid' THEN NEW."sourceAmountMinor" ELSE 0 END
  WHERE "id" = NEW."fundingSourceId";
END;

CREATE TRIGGER "Assistance_totals_update" AFTER UPDATE OF "status", "sourceAmountMinor", "fundingSourceId" ON "Assistance" BEGIN
  UPDATE "FundingSource" SET
    "committedMinor" = "committedMinor" - OLD."sourceAmountMinor",
    "committedCount" = "committedCount" - 1,
    "paidMinor" = "paidMinor" - CASE WHEN OLD."status" = 'paid' THEN OLD."sourceAmountMinor" ELSE 0 END
  WHERE "id" = OLD."fundingSourceId" AND OLD."status" IN ('approved', 'paid');
  UPDATE "FundingSource" SET
    "committedMinor" = "committedMinor" + NEW."sourceAmountMinor",
    "committedCount" = "committedCount" + 1,
    "paidMinor" = "paidMinor" + CASE WHEN NEW."status" = 'paid' THEN NEW."sourceAmountMinor" ELSE 0 END
  WHERE "id" = NEW."fundingSourceId" AND NEW."status" IN ('approved', 'paid');
END;

CREATE TRIGGER "Assistance_totals_delete" AFTER DELETE ON "Assistance" WHEN OLD."status" IN ('approved', 'paid') BEGIN
  UPDATE "FundingSource" SET
    "committedMinor" = "committedMinor" - OLD."sourceAmountMinor",
    "committedCount" = "committedCount" - 1,
    "paidMinor" = "paidMinor" - CASE WHEN OLD."status" = 'paid' THEN OLD."sourceAmountMinor" ELSE 0 END
  WHERE "id" = OLD."fundingSourceId";
END;

-- The records already there.
UPDATE "FundingSource" SET
  "committedMinor" = COALESCE((SELECT SUM("sourceAmountMinor") FROM "Assistance" WHERE "Assistance"."fundingSourceId" = "FundingSource"."id" AND "status" IN ('approved', 'paid')), 0),
  "committedCount" = (SELECT COUNT(*) FROM "Assistance" WHERE "Assistance"."fundingSourceId" = "FundingSource"."id" AND "status" IN ('approved', 'paid')),
  "paidMinor" = COALESCE((SELECT SUM("sourceAmountMinor") FROM "Assistance" WHERE "Assistance"."fundingSourceId" = "FundingSource"."id" AND "status" = 'paid'), 0);

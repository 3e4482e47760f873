-- The reports count over indexes, not rows (tests/integration/query-plans.test.ts).

-- DropIndex
DROP INDEX "ReferralStatusChange_referralId_at_idx";

-- CreateIndex
CREATE INDEX "Activity_kind_occurredAt_idx" ON "Activity"("kind", "occurredAt");

-- CreateIndex
CREATE INDEX "HelpRequestTrack_trackId_idx" ON "HelpRequestTrack"("trackId");

-- CreateIndex
CREATE INDEX "ReferralStatusChange_referralId_at_toStatus_idx" ON "ReferralStatusChange"("referralId", "at", "toStatus");

-- DropIndex
DROP INDEX "Activity_kind_occurredAt_idx";

-- CreateIndex
CREATE INDEX "Activity_occurredAt_kind_idx" ON "Activity"("occurredAt", "kind");

-- CreateIndex
CREATE INDEX "Case_openedAt_closedAt_personId_idx" ON "Case"("openedAt", "closedAt", "personId");

-- CreateIndex
CREATE INDEX "CaseAssignment_kind_assignedAt_endedAt_accountId_caseId_idx" ON "CaseAssignment"("kind", "assignedAt", "endedAt", "accountId", "caseId");

-- CreateIndex
CREATE INDEX "Goal_createdAt_trackId_status_idx" ON "Goal"("createdAt", "trackId", "status");

-- CreateIndex
CREATE INDEX "HelpRequest_createdAt_idx" ON "HelpRequest"("createdAt");

-- CreateIndex
CREATE INDEX "NeedsAssessment_assessedAt_level_trackId_idx" ON "NeedsAssessment"("assessedAt", "level", "trackId");

-- CreateIndex
CREATE INDEX "Referral_sentAt_idx" ON "Referral"("sentAt");


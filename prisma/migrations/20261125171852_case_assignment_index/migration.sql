-- DropIndex
DROP INDEX "CaseAssignment_caseId_endedAt_idx";

-- CreateIndex
CREATE INDEX "CaseAssignment_caseId_accountId_endedAt_idx" ON "CaseAssignment"("caseId", "accountId", "endedAt");


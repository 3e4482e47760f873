-- DropIndex
DROP INDEX "HelpRequest_status_createdAt_id_idx";

-- CreateIndex
CREATE INDEX "HelpRequest_status_urgency_createdAt_id_idx" ON "HelpRequest"("status", "urgency" DESC, "createdAt", "id");

-- CreateIndex
CREATE INDEX "HelpRequest_caseId_idx" ON "HelpRequest"("caseId");


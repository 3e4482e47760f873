-- CreateIndex
CREATE INDEX "CaseMessage_readAt_idx" ON "CaseMessage"("readAt");


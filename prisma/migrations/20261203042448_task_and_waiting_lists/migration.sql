-- DropIndex
DROP INDEX "Task_status_dueOn_idx";

-- DropIndex
DROP INDEX "Task_assigneeId_status_dueOn_idx";

-- CreateIndex
CREATE INDEX "Referral_flaggedAt_id_idx" ON "Referral"("flaggedAt", "id");

-- CreateIndex
CREATE INDEX "Task_assigneeId_status_dueOn_id_idx" ON "Task"("assigneeId", "status", "dueOn", "id");

-- CreateIndex
CREATE INDEX "Task_status_dueOn_id_idx" ON "Task"("status", "dueOn", "id");


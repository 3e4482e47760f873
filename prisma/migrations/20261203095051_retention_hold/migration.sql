-- AlterTable
ALTER TABLE "Case" ADD COLUMN "retentionHoldAt" DATETIME;
ALTER TABLE "Case" ADD COLUMN "retentionHoldById" TEXT;
ALTER TABLE "Case" ADD COLUMN "retentionHoldReason" TEXT;

-- CreateIndex
CREATE INDEX "Case_status_closedAt_idx" ON "Case"("status", "closedAt");


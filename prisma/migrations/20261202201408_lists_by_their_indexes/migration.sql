-- DropIndex
DROP INDEX "Case_status_idx";

-- DropIndex
DROP INDEX "Case_personId_idx";

-- DropIndex
DROP INDEX "CaseAssignment_accountId_endedAt_idx";

-- DropIndex
DROP INDEX "HelpRequest_status_createdAt_idx";

-- DropIndex
DROP INDEX "Referral_organizationId_status_idx";

-- DropIndex
DROP INDEX "Task_caseId_idx";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN "unassignedSince" DATETIME;

-- CreateTable
CREATE TABLE "NameToken" (
    "token" TEXT NOT NULL,
    "personId" TEXT NOT NULL,

    PRIMARY KEY ("token", "personId"),
    CONSTRAINT "NameToken_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "NameToken_personId_idx" ON "NameToken"("personId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "Case_personId_openedAt_idx" ON "Case"("personId", "openedAt");

-- CreateIndex
CREATE INDEX "Case_status_openedAt_idx" ON "Case"("status", "openedAt");

-- CreateIndex
CREATE INDEX "Case_unassignedSince_id_idx" ON "Case"("unassignedSince", "id");

-- CreateIndex
CREATE INDEX "CaseAssignment_accountId_endedAt_assignedAt_id_idx" ON "CaseAssignment"("accountId", "endedAt", "assignedAt", "id");

-- CreateIndex
CREATE INDEX "CaseMessage_caseId_readAt_idx" ON "CaseMessage"("caseId", "readAt");

-- CreateIndex
CREATE INDEX "Goal_trackId_idx" ON "Goal"("trackId");

-- CreateIndex
CREATE INDEX "HelpRequest_status_createdAt_id_idx" ON "HelpRequest"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "NeedsAssessment_trackId_idx" ON "NeedsAssessment"("trackId");

-- CreateIndex
CREATE INDEX "Person_countryNow_caseCode_idx" ON "Person"("countryNow", "caseCode");

-- CreateIndex
CREATE INDEX "Referral_organizationId_status_sentAt_id_idx" ON "Referral"("organizationId", "status", "sentAt", "id");

-- CreateIndex
CREATE INDEX "Referral_organizationId_sentAt_id_idx" ON "Referral"("organizationId", "sentAt", "id");

-- CreateIndex
CREATE INDEX "Task_caseId_status_dueOn_idx" ON "Task"("caseId", "status", "dueOn");

-- CreateIndex
CREATE INDEX "Task_status_dueOn_idx" ON "Task"("status", "dueOn");


-- Backfill: a case that is not closed and has no lead caseworker waits on the board since it opened.
UPDATE "Case" SET "unassignedSince" = "openedAt"
WHERE "status" <> 'closed'
  AND NOT EXISTS (SELECT 1 FROM "CaseAssignment" a WHERE a."caseId" = "Case"."id" AND a."kind" = 'lead' AND a."endedAt" IS NULL);

-- Backfill: the words of each person's search key (" word word ~bones "), one row each.
INSERT OR IGNORE INTO "NameToken" ("token", "personId")
WITH RECURSIVE split("personId", "word", "rest") AS (
  SELECT "id", '', ltrim("searchKey") || ' ' FROM "Person" WHERE trim("searchKey") <> ''
  UNION ALL
  SELECT "personId", substr("rest", 1, instr("rest", ' ') - 1), ltrim(substr("rest", instr("rest", ' ') + 1))
  FROM split WHERE "rest" <> ''
)
SELECT "word", "personId" FROM split WHERE "word" <> '';

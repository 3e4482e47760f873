-- Payment activities become assistance records (issue 19), before the Activity table loses its
-- amount columns. Their funding source says where they came from and is closed to new requests;
-- the money was paid, so each record stands paid on the day of its activity. Nothing filled the
-- amounts before, so most are 0: a coordinator corrects them from the books.
INSERT INTO "FundingSource" ("id", "name", "currency", "startsOn", "endsOn", "budgetMinor", "approvalThresholdMinor", "active", "createdAt", "updatedAt", "version")
SELECT 'payments-recorded-as-activities', 'Payments recorded as activities', 'EUR', min("occurredAt"), max("occurredAt"),
  coalesce(sum(CASE WHEN coalesce("currency", 'EUR') = 'EUR' THEN "amountMinor" END), 0), 0, false, strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), 1
FROM "Activity" WHERE "kind" = 'payment' HAVING count(*) > 0;
INSERT INTO "Assistance" ("id", "caseId", "fundingSourceId", "kind", "amountMinor", "currency", "sourceAmountMinor", "goalId", "payeeKind", "note", "status",
  "requestedById", "decidedAt", "paidOn", "paidMethod", "createdAt", "updatedAt", "version")
SELECT 'activity-' || "id", "caseId", 'payments-recorded-as-activities', 'other', coalesce("amountMinor", 0), coalesce("currency", 'EUR'),
  CASE WHEN coalesce("currency", 'EUR') = 'EUR' THEN coalesce("amountMinor", 0) ELSE 0 END, "goalId", 'other', "note", 'paid',
  "recordedById", "occurredAt", "occurredAt", '', "occurredAt", "occurredAt", 1
FROM "Activity" WHERE "kind" = 'payment';
INSERT INTO "AssistanceEvent" ("id", "assistanceId", "toStatus", "note", "actorId", "at")
SELECT 'activity-paid-' || "id", 'activity-' || "id", 'paid', '', "recordedById", "occurredAt" FROM "Activity" WHERE "kind" = 'payment';
DELETE FROM "Activity" WHERE "kind" = 'payment';

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Activity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "goalId" TEXT,
    "kind" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "place" TEXT,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Activity_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Activity_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Activity_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Activity" ("caseId", "createdAt", "goalId", "id", "kind", "note", "occurredAt", "place", "recordedById", "updatedAt", "version") SELECT "caseId", "createdAt", "goalId", "id", "kind", "note", "occurredAt", "place", "recordedById", "updatedAt", "version" FROM "Activity";
DROP TABLE "Activity";
ALTER TABLE "new_Activity" RENAME TO "Activity";
CREATE INDEX "Activity_caseId_occurredAt_idx" ON "Activity"("caseId", "occurredAt");
CREATE INDEX "Activity_occurredAt_kind_idx" ON "Activity"("occurredAt", "kind");
CREATE TABLE "new_Assistance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "fundingSourceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "sourceAmountMinor" INTEGER NOT NULL,
    "rate" TEXT,
    "trackId" TEXT,
    "goalId" TEXT,
    "payeeKind" TEXT NOT NULL,
    "payeeReference" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'requested',
    "overBudget" BOOLEAN NOT NULL DEFAULT false,
    "requestedById" TEXT,
    "approvedById" TEXT,
    "decidedAt" DATETIME,
    "paidOn" DATETIME,
    "paidMethod" TEXT,
    "receiptReference" TEXT,
    "receiptDocumentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Assistance_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assistance_fundingSourceId_fkey" FOREIGN KEY ("fundingSourceId") REFERENCES "FundingSource" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assistance_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Assistance_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Assistance_receiptDocumentId_fkey" FOREIGN KEY ("receiptDocumentId") REFERENCES "Document" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Assistance" ("amountMinor", "approvedById", "caseId", "createdAt", "currency", "decidedAt", "fundingSourceId", "goalId", "id", "kind", "note", "overBudget", "paidMethod", "paidOn", "payeeKind", "payeeReference", "rate", "receiptReference", "requestedById", "sourceAmountMinor", "status", "trackId", "updatedAt", "version") SELECT "amountMinor", "approvedById", "caseId", "createdAt", "currency", "decidedAt", "fundingSourceId", "goalId", "id", "kind", "note", "overBudget", "paidMethod", "paidOn", "payeeKind", "payeeReference", "rate", "receiptReference", "requestedById", "sourceAmountMinor", "status", "trackId", "updatedAt", "version" FROM "Assistance";
DROP TABLE "Assistance";
ALTER TABLE "new_Assistance" RENAME TO "Assistance";
CREATE INDEX "Assistance_caseId_createdAt_idx" ON "Assistance"("caseId", "createdAt");
CREATE INDEX "Assistance_fundingSourceId_status_idx" ON "Assistance"("fundingSourceId", "status");
CREATE INDEX "Assistance_status_createdAt_idx" ON "Assistance"("status", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


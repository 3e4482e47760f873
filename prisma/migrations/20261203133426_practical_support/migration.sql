-- CreateTable
CREATE TABLE "FundingSource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME NOT NULL,
    "budgetMinor" INTEGER NOT NULL,
    "trackId" TEXT,
    "approvalThresholdMinor" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1
);

-- CreateTable
CREATE TABLE "Assistance" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Assistance_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assistance_fundingSourceId_fkey" FOREIGN KEY ("fundingSourceId") REFERENCES "FundingSource" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assistance_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Assistance_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssistanceEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assistanceId" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AssistanceEvent_assistanceId_fkey" FOREIGN KEY ("assistanceId") REFERENCES "Assistance" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssistanceEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Assistance_caseId_createdAt_idx" ON "Assistance"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "Assistance_fundingSourceId_status_idx" ON "Assistance"("fundingSourceId", "status");

-- CreateIndex
CREATE INDEX "Assistance_status_createdAt_idx" ON "Assistance"("status", "createdAt");

-- CreateIndex
CREATE INDEX "AssistanceEvent_assistanceId_at_idx" ON "AssistanceEvent"("assistanceId", "at");


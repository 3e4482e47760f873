-- AlterTable
ALTER TABLE "Activity" ADD COLUMN "place" TEXT;

-- CreateTable
CREATE TABLE "TaskEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dueOn" DATETIME,
    "assigneeId" TEXT,
    "actorId" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TaskEvent_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TaskEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TaskEvent_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "TaskEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Goal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "trackId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'identified',
    "targetDate" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Goal_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Goal_trackId_fkey" FOREIGN KEY ("trackId") REFERENCES "SupportTrack" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Goal_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Goal" ("caseId", "createdAt", "id", "status", "targetDate", "title", "trackId", "updatedAt", "version") SELECT "caseId", "createdAt", "id", "status", "targetDate", "title", "trackId", "updatedAt", "version" FROM "Goal";
DROP TABLE "Goal";
ALTER TABLE "new_Goal" RENAME TO "Goal";
CREATE INDEX "Goal_caseId_idx" ON "Goal"("caseId");
CREATE INDEX "Goal_trackId_idx" ON "Goal"("trackId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TaskEvent_caseId_at_idx" ON "TaskEvent"("caseId", "at");

-- CreateIndex
CREATE INDEX "TaskEvent_taskId_idx" ON "TaskEvent"("taskId");


-- Every task's creation, and its completion or cancellation, as events: the timeline reads
-- tasks through their events from now on (written by hand; the dates are copied as stored).
INSERT INTO "TaskEvent" ("id", "taskId", "caseId", "kind", "dueOn", "assigneeId", "actorId", "at")
  SELECT 'te' || lower(hex(randomblob(12))), "id", "caseId", 'created', "dueOn", "assigneeId", "createdById", "createdAt" FROM "Task";
INSERT INTO "TaskEvent" ("id", "taskId", "caseId", "kind", "dueOn", "assigneeId", "actorId", "at")
  SELECT 'te' || lower(hex(randomblob(12))), "id", "caseId", "status", NULL, NULL, NULL, COALESCE("completedAt", "updatedAt") FROM "Task" WHERE "status" IN ('done', 'cancelled');

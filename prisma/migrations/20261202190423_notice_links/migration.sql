-- CreateTable
CREATE TABLE "NoticeLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "NoticeLink_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "NoticeLink_tokenHash_key" ON "NoticeLink"("tokenHash");

-- CreateIndex
CREATE INDEX "NoticeLink_accountId_idx" ON "NoticeLink"("accountId");

-- CreateIndex
CREATE INDEX "NoticeLink_expiresAt_idx" ON "NoticeLink"("expiresAt");


-- AlterTable
ALTER TABLE "Location" ADD COLUMN "hsdsId" TEXT;
ALTER TABLE "Location" ADD COLUMN "latitude" REAL;
ALTER TABLE "Location" ADD COLUMN "longitude" REAL;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "hsdsId" TEXT;

-- AlterTable
ALTER TABLE "Service" ADD COLUMN "hsdsId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Location_hsdsId_key" ON "Location"("hsdsId");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_hsdsId_key" ON "Organization"("hsdsId");

-- CreateIndex
CREATE UNIQUE INDEX "Service_hsdsId_key" ON "Service"("hsdsId");


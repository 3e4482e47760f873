-- Databases seeded with the demo data before the "demo_data" setting existed: their demo
-- accounts give them away. Marked, so that a production server refuses them too.
INSERT INTO "Setting" ("key", "value", "updatedAt")
SELECT 'demo_data', '1', CURRENT_TIMESTAMP
WHERE EXISTS (SELECT 1 FROM "Account" WHERE "email" LIKE '%@demo.local')
  AND NOT EXISTS (SELECT 1 FROM "Setting" WHERE "key" = 'demo_data');

// Creates a new migration offline, for each database: the SQL that takes the committed
// migrations to the current models (prisma/models), computed by the JavaScript schema engine in
// a shadow database (no native engine download, unlike `prisma migrate dev`). SQLite's shadow is
// in memory; PostgreSQL's is made on the server MIGRATION_POSTGRES_URL names (a scratch server:
// see docs/database.md), and dropped after.
// Usage: MIGRATION_POSTGRES_URL=postgresql://… npm run db:new-migration -- add_something
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: MIGRATION_POSTGRES_URL=postgresql://… npm run db:new-migration -- <name in snake_case>");
  process.exit(2);
}
const postgres = process.env.MIGRATION_POSTGRES_URL;
if (!postgres?.startsWith("postgres")) {
  console.error("Set MIGRATION_POSTGRES_URL to a scratch PostgreSQL server's URL: each migration is written for both databases (docs/decisions/018).");
  process.exit(2);
}

/** The difference between a provider's committed migrations and the models, as SQL. */
function difference(migrations: string, schema: string, config: string, env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync("node_modules/.bin/prisma", ["migrate", "diff", "--config", config, "--from-migrations", migrations, "--to-schema-datamodel", schema, "--script"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    env,
  });
}

const changes = [
  { folder: "prisma/migrations", sql: difference("prisma/migrations", "prisma/sqlite", "prisma.config.ts") },
  { folder: "prisma/postgresql/migrations", sql: difference("prisma/postgresql/migrations", "prisma/postgresql", "prisma.postgresql.config.ts", { ...process.env, DATABASE_URL: postgres }) },
];

if (changes.every(({ sql }) => !/^\s*(CREATE|ALTER|DROP|INSERT|PRAGMA|UPDATE|DELETE)/im.test(sql))) {
  console.log("The models match the migrations: nothing to create.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const { folder, sql } of changes) {
  const path = join(folder, `${stamp}_${name}`);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, "migration.sql"), sql);
  console.log(`Created ${path}/migration.sql.`);
}
console.log("Read both, then apply the embedded database's with: npm run db:migrate");

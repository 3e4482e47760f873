// Creates a new migration offline: the SQL that takes the committed migrations to the current
// schema.prisma, computed by the JavaScript schema engine in a shadow database (no native
// engine download, unlike `prisma migrate dev`).
// Usage: npm run db:new-migration -- add_something
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name in snake_case>");
  process.exit(2);
}

const sql = execFileSync(
  "node_modules/.bin/prisma",
  ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/sqlite", "--script"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);

if (!/^\s*(CREATE|ALTER|DROP|INSERT|PRAGMA|UPDATE|DELETE)/im.test(sql)) {
  console.log("The schema matches the migrations: nothing to create.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, "migration.sql"), sql);
console.log(`Created ${folder}/migration.sql. Read it, then apply it with: npm run db:migrate`);

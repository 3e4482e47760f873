// Applies the committed migrations to a database with the Prisma CLI (JavaScript schema engine).
import { execFileSync } from "node:child_process";

export function migrateDatabase(env: NodeJS.ProcessEnv = process.env): void {
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env, stdio: ["ignore", "ignore", "inherit"] });
}

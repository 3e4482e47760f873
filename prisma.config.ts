// The Prisma CLI on the JavaScript schema engine with the libSQL driver adapter, so that
// generate, migrate and seed need no native engine download (ENGINEERING.md); on PostgreSQL's
// when DATABASE_PROVIDER=postgresql (prisma/postgresql/cli-config.ts).
import { defineConfig } from "prisma/config";
import { databaseConnection, databaseFilePath, loadLocalEnv } from "./app/db/connection";
import { PrismaSqlite } from "./app/db/sqlite-driver";
import { postgresCliConfig } from "./prisma/postgresql/cli-config";
import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";

loadLocalEnv();

/**
 * `migrate dev` and `migrate diff --from-migrations` replay each migration.sql into a shadow
 * database as one raw statement, and libSQL's execute runs only the first statement of it.
 * Send multi-statement raw calls through executeScript instead.
 */
class SqliteWithScriptShadow extends PrismaSqlite {
  override async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = await super.connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query: SqlQuery) => {
      if (query.args.length === 0 && isMultiStatement(query.sql)) {
        await shadow.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    return shadow;
  }
}

function isMultiStatement(sql: string): boolean {
  return sql.split(";").filter((part) => part.replace(/--.*$/gm, "").trim() !== "").length > 1;
}

const sqliteCliConfig = defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/sqlite",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  async adapter() {
    // The same connection set-up as the app (WAL, waiting for locks), so that migrating while
    // another process reads the file waits instead of failing.
    const { url, encryptionKey } = databaseConnection();
    const path = databaseFilePath(url);
    if (!path) throw new Error("DATABASE_URL must be a file: URL");
    return new SqliteWithScriptShadow({ path, encryptionKey });
  },
});

export default process.env.DATABASE_PROVIDER === "postgresql" ? postgresCliConfig : sqliteCliConfig;

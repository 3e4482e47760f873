// The Prisma CLI on PostgreSQL (issue 20, docs/decisions/018): the same JavaScript schema engine
// as on the embedded file, with the pg driver adapter. prisma.config.ts uses it when
// DATABASE_PROVIDER=postgresql (DATABASE_URL=postgresql://…), and prisma.postgresql.config.ts
// always; the migrations of this provider are in prisma/postgresql/migrations.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

/**
 * @prisma/adapter-pg 6.19.3 refuses PostgreSQL's catalog column types `"char"` (OID 18) and `name`
 * (OID 19), which the schema engine reads when it sets up its migrations table. Reported as
 * `text` (OID 25), which they are to us. For the CLI only: the app never reads the catalog.
 */
const CATALOG_TYPES = new Set([18, 19]);
const query = pg.Pool.prototype.query;
pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
  const answer = (query as (...args: unknown[]) => unknown).apply(this, args);
  if (!(answer instanceof Promise)) return answer;
  return answer.then((result: pg.QueryResult | undefined) => {
    for (const field of result?.fields ?? []) if (CATALOG_TYPES.has(field.dataTypeID)) field.dataTypeID = 25;
    return result;
  });
} as typeof query;

/** The parts of a postgresql:// URL, for a pool that must connect to another database of the same server. */
function serverOf(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
  };
}

/**
 * `migrate diff --from-migrations` replays the migrations into a shadow database. The adapter's
 * own shadow connection spreads its config and sets `database`, which a `connectionString`
 * overrides (the "shadow" would be the real database), and drops the shadow database before it
 * closes its pool (which PostgreSQL refuses). Here: discrete fields, and close before drop.
 */
class PrismaPgWithShadow extends PrismaPg {
  constructor(private readonly url: string) {
    super(serverOf(url));
  }

  override async connectToShadowDb(): ReturnType<PrismaPg["connectToShadowDb"]> {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...serverOf(this.url), database }).connect();
    const close = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await close();
      await main.executeScript(`DROP DATABASE "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}

export const postgresCliConfig = defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/postgresql",
  migrations: { path: "prisma/postgresql/migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url?.startsWith("postgres")) throw new Error("DATABASE_URL must be a postgresql:// URL for prisma.postgresql.config.ts");
    return new PrismaPgWithShadow(url);
  },
});

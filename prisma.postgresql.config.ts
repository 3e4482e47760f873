// The Prisma CLI on PostgreSQL whatever DATABASE_PROVIDER says: `npm install` generates its
// client with it, and `prisma … --config prisma.postgresql.config.ts` reaches a scratch server.
import { postgresCliConfig } from "./prisma/postgresql/cli-config";

export default postgresCliConfig;

// The data model exists once (prisma/models) and each database's client is generated from it
// (docs/decisions/018): the two generated clients must agree on every model, field and enum, or
// code that runs on one would break on the other.
import { lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as sqliteEnums from "~/db/generated/enums";
import * as postgresEnums from "~/db/generated-postgresql/enums";

type DataModel = { models: Record<string, { fields: { name: string; kind: string; type: string; relationName?: string }[]; dbName: string | null }>; enums: object; types: object };

/** The data model a generated client carries, as Prisma wrote it into the client. */
function dataModelOf(folder: string): DataModel {
  const source = readFileSync(`app/db/${folder}/internal/class.ts`, "utf8");
  const literal = /config\.runtimeDataModel = JSON\.parse\(("(?:[^"\\]|\\.)*")\)/.exec(source)?.[1];
  if (!literal) throw new Error(`no data model in app/db/${folder}`);
  return JSON.parse(JSON.parse(literal) as string) as DataModel;
}

describe("one data model, two databases", () => {
  it("generates the same models, fields and enums for SQLite and PostgreSQL", () => {
    const sqlite = dataModelOf("generated");
    const postgres = dataModelOf("generated-postgresql");
    // Not an empty comparison: the model holds the tables the app works with.
    expect(Object.keys(sqlite.models)).toEqual(expect.arrayContaining(["Person", "Case", "Referral", "Assistance", "AuditEvent"]));
    expect(Object.keys(sqlite.models).length).toBeGreaterThan(40);
    expect(postgres).toEqual(sqlite);
    expect(postgresEnums).toEqual(sqliteEnums);
  });

  it("keeps the models in one folder that each database's schema links to", () => {
    for (const provider of ["sqlite", "postgresql"]) {
      expect(lstatSync(`prisma/${provider}/models`).isSymbolicLink()).toBe(true);
      expect(realpathSync(`prisma/${provider}/models`)).toBe(realpathSync("prisma/models"));
      // A provider's own file holds its generator and datasource, and no model.
      expect(readFileSync(`prisma/${provider}/schema.prisma`, "utf8")).not.toMatch(/^\s*(model|enum)\s/m);
    }
  });

  it("has each migration made since PostgreSQL's first for PostgreSQL too, under the same name", () => {
    const names = (folder: string) => readdirSync(folder).filter((entry) => /^\d{14}_\w+$/.test(entry));
    const postgres = names("prisma/postgresql/migrations");
    const first = postgres[0]!;
    expect(first).toMatch(/_init$/);
    const since = names("prisma/migrations").filter((name) => name > first);
    expect(since.filter((name) => !postgres.includes(name))).toEqual([]);
  });
});

// The organisation's anonymous counts: how many requests came, for which kinds of help, how
// many people and cases, what was done. Nothing here names anyone, and an erasure changes none
// of these figures (erasure keeps the rows and removes who they were about).
import { read } from "~/db/read.server";

export type ServiceCounts = {
  requestsReceived: number;
  personsSupported: number;
  casesOpened: number;
  requestsByTrack: { trackId: string; count: number }[];
  activitiesByKind: { kind: string; count: number }[];
};

export async function serviceCounts(): Promise<ServiceCounts> {
  // In SQL: each a count over an index, no row loaded to be counted.
  const [[totals], byTrack, byKind] = await Promise.all([
    read<{ requests: number; persons: number; cases: number }>`SELECT (SELECT count(*) FROM "HelpRequest") AS "requests",
      (SELECT count(DISTINCT "personId") FROM "Case") AS "persons", (SELECT count(*) FROM "Case") AS "cases"`,
    read<{ trackId: string; n: number }>`SELECT "trackId", count(*) AS "n" FROM "HelpRequestTrack" GROUP BY "trackId"`,
    read<{ kind: string; n: number }>`SELECT "kind", count(*) AS "n" FROM "Activity" GROUP BY "kind"`,
  ]);
  return {
    requestsReceived: Number(totals?.requests ?? 0),
    personsSupported: Number(totals?.persons ?? 0),
    casesOpened: Number(totals?.cases ?? 0),
    requestsByTrack: byTrack.map((row) => ({ trackId: row.trackId, count: Number(row.n) })),
    activitiesByKind: byKind.map((row) => ({ kind: row.kind, count: Number(row.n) })).sort((a, b) => a.kind.localeCompare(b.kind)),
  };
}

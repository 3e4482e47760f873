// The organisation's anonymous counts: how many requests came, for which kinds of help, how
// many people and cases, what was done. Nothing here names anyone, and an erasure changes none
// of these figures (erasure keeps the rows and removes who they were about).
import { db } from "~/db/client.server";

export type ServiceCounts = {
  requestsReceived: number;
  personsSupported: number;
  casesOpened: number;
  requestsByTrack: { trackId: string; count: number }[];
  activitiesByKind: { kind: string; count: number }[];
};

export async function serviceCounts(): Promise<ServiceCounts> {
  const [requestsReceived, personsSupported, casesOpened, byTrack, byKind] = await Promise.all([
    db().helpRequest.count(),
    db().person.count({ where: { cases: { some: {} } } }),
    db().case.count(),
    db().helpRequestTrack.groupBy({ by: ["trackId"], _count: { _all: true } }),
    db().activity.groupBy({ by: ["kind"], _count: { _all: true } }),
  ]);
  return {
    requestsReceived,
    personsSupported,
    casesOpened,
    requestsByTrack: byTrack.map((row) => ({ trackId: row.trackId, count: row._count._all })),
    activitiesByKind: byKind.map((row) => ({ kind: row.kind, count: row._count._all })).sort((a, b) => a.kind.localeCompare(b.kind)),
  };
}

// The period reports: a database with known counts in the third quarter of 2026 (and some before
// and after it); every figure of the report is compared with a count written by hand in SQL, and
// a cell of 3 is followed into the page's data, the chart and the CSV, where it reads "fewer
// than 5" and the total beside it does not give it away.
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { storedDate } from "~/db/stored-date";
import { BarChart } from "~/reports/charts";
import { periodFigures } from "~/reports/figures.server";
import { periodOf } from "~/reports/period";
import { boundsOf, reportFor } from "~/reports/report.server";
import { loader as reportsLoader } from "~/routes/staff.reports";
import { action as csvAction } from "~/routes/staff.reports.csv";
import { signedIn, viewerOf } from "../fixtures/accounts";
import { formPost, get, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});

const QUARTER = periodOf("quarter", "2026-08-15");
const [START, END] = ["2026-07-01T00:00:00.000+00:00", "2026-10-01T00:00:00.000+00:00"];
/** A moment of the third quarter (day 0 is 1 July), or of the quarter before or after. */
const inQuarter = (day: number, hour = 10) => new Date(Date.UTC(2026, 6, 1 + day, hour));
// Before the quarter before, so that the comparison column holds nothing of these.
const before = new Date(Date.UTC(2026, 2, 20));
const after = new Date(Date.UTC(2026, 10, 2));

let requestNumber = 0;
async function requests(count: number, data: { source?: "public_form" | "staff_entered"; language?: string; country?: string | null; urgency?: "low" | "normal" | "urgent"; at?: Date; triagedAfterHours?: number; trackId?: string }) {
  for (let index = 0; index < count; index++) {
    const createdAt = data.at ?? inQuarter(index * 6);
    const made = await db().helpRequest.create({
      data: {
        code: `R-${String(++requestNumber).padStart(6, "0")}`,
        source: data.source ?? "public_form",
        language: data.language ?? "be",
        country: data.country === undefined ? "LT" : data.country,
        urgency: data.urgency ?? "normal",
        preferredName: "X",
        contactKind: "signal",
        contactValue: "@x",
        createdAt,
        ...(data.triagedAfterHours === undefined ? {} : { triagedAt: new Date(createdAt.getTime() + data.triagedAfterHours * 3_600_000) }),
      },
    });
    if (data.trackId) await db().helpRequestTrack.create({ data: { requestId: made.id, trackId: data.trackId } });
  }
}

/** The known database: counts of 3 beside counts of 5 and more. */
async function knownCounts() {
  const housing = await db().supportTrack.create({ data: { key: "housing", nameBe: "Жыллё", nameRu: "Жильё", nameEn: "Housing" } });
  // 15 requests in the quarter: 12 by the public form, 3 entered by staff (the cell of 3).
  await requests(6, { language: "be", urgency: "normal", triagedAfterHours: 10, trackId: world.track.id });
  await requests(6, { language: "ru", urgency: "urgent", country: "PL", triagedAfterHours: 30, trackId: housing.id });
  await requests(3, { source: "staff_entered", language: "ru", urgency: "low", country: null });
  // Outside the quarter: not counted in it (the one before is the comparison).
  await requests(2, { at: before, language: "en" });
  await requests(4, { at: after, language: "en" });

  const person = await db().person.create({ data: { caseCode: "AC-KNOW-KNOW", preferredName: "K" } });
  const cases = [];
  for (let index = 0; index < 9; index++) {
    const closed = index < 6;
    cases.push(
      await db().case.create({
        data: {
          personId: index % 2 ? person.id : world.personOne.id,
          status: closed ? "closed" : "active",
          openedAt: index < 7 ? inQuarter(index) : before,
          ...(closed ? { closedAt: inQuarter(40 + index), closeReason: index < 5 ? "goals_met" : "no_contact" } : {}),
          assignments: { create: { accountId: world.accounts.caseworker.id, assignedAt: index < 7 ? inQuarter(index) : before } },
        },
      }),
    );
  }
  for (let index = 0; index < 7; index++) {
    await db().activity.create({ data: { caseId: cases[index]!.id, kind: index < 5 ? "call" : "meeting", occurredAt: inQuarter(10 + index) } });
    await db().goal.create({ data: { caseId: cases[index]!.id, trackId: world.track.id, title: "g", status: index < 5 ? "achieved" : "in_progress", createdAt: inQuarter(index) } });
    await db().needsAssessment.create({ data: { caseId: cases[index]!.id, trackId: index < 6 ? world.track.id : housing.id, level: "high", assessedAt: inQuarter(index) } });
  }
  // Referrals sent in the quarter: 6 to partner A (5 accepted, answered in 2..6 hours, 3 completed), 1 declined to B.
  for (let index = 0; index < 7; index++) {
    const toA = index < 6;
    const sentAt = inQuarter(20 + index);
    await db().referral.create({
      data: {
        caseId: cases[0]!.id,
        serviceId: world.service.id,
        organizationId: toA ? world.partnerA.id : world.partnerB.id,
        status: !toA ? "declined" : index < 3 ? "completed" : index < 5 ? "in_progress" : "sent",
        declineReason: toA ? null : "no_capacity",
        request: "r",
        sentAt,
        respondedAt: index < 5 || !toA ? new Date(sentAt.getTime() + (index + 2) * 3_600_000) : null,
        flaggedAt: index === 5 ? inQuarter(80) : null,
      },
    });
  }
  return { housing };
}

/** A hand-written count: `SELECT key, count(*)` rows as a map. */
async function counted(query: Promise<{ key: string | null; n: bigint | number }[]>): Promise<Map<string, number>> {
  return new Map((await query).map((row) => [row.key ?? "", Number(row.n)]));
}

describe("period reports", () => {
  it("give the figures a hand-written SQL count gives, for the period and only the period", async () => {
    await knownCounts();
    const figures = await periodFigures(boundsOf(QUARTER, "UTC"), null);
    expect(figures.counts.get("channel")).toEqual(await counted(db().$queryRaw`SELECT "source" AS "key", count(*) AS "n" FROM "HelpRequest" WHERE "createdAt" >= ${START} AND "createdAt" < ${END} GROUP BY "source"`));
    expect(figures.counts.get("channel")).toEqual(new Map([["public_form", 12], ["staff_entered", 3]]));
    expect(figures.counts.get("language")).toEqual(await counted(db().$queryRaw`SELECT "language" AS "key", count(*) AS "n" FROM "HelpRequest" WHERE "createdAt" >= ${START} AND "createdAt" < ${END} GROUP BY "language"`));
    expect(figures.counts.get("country")).toEqual(
      await counted(db().$queryRaw`SELECT coalesce("country", '') AS "key", count(*) AS "n" FROM "HelpRequest" WHERE "createdAt" >= ${START} AND "createdAt" < ${END} GROUP BY 1`),
    );
    expect(figures.counts.get("urgency")).toEqual(await counted(db().$queryRaw`SELECT "urgency" AS "key", count(*) AS "n" FROM "HelpRequest" WHERE "createdAt" >= ${START} AND "createdAt" < ${END} GROUP BY "urgency"`));
    expect(figures.counts.get("requests")).toEqual(await counted(db().$queryRaw`SELECT '' AS "key", count(*) AS "n" FROM "HelpRequest" WHERE "createdAt" >= ${START} AND "createdAt" < ${END}`));
    expect(figures.counts.get("triaged")).toEqual(new Map([["", 12]]));
    expect(figures.counts.get("track")).toEqual(
      await counted(db().$queryRaw`SELECT t."trackId" AS "key", count(*) AS "n" FROM "HelpRequestTrack" t JOIN "HelpRequest" r ON r."id" = t."requestId" WHERE r."createdAt" >= ${START} AND r."createdAt" < ${END} GROUP BY t."trackId"`),
    );
    // The weeks... of a quarter are its months: July, August, September.
    expect(figures.counts.get("point")).toEqual(
      await counted(db().$queryRaw`SELECT CAST(CAST(substr(CAST("createdAt" AS TEXT), 6, 2) AS INTEGER) - 7 AS TEXT) AS "key", count(*) AS "n" FROM "HelpRequest" WHERE "createdAt" >= ${START} AND "createdAt" < ${END} GROUP BY 1`),
    );
    expect(figures.counts.get("opened")).toEqual(await counted(db().$queryRaw`SELECT '' AS "key", count(*) AS "n" FROM "Case" WHERE "openedAt" >= ${START} AND "openedAt" < ${END}`));
    expect(figures.counts.get("closed")).toEqual(
      await counted(db().$queryRaw`SELECT "closeReason" AS "key", count(*) AS "n" FROM "Case" WHERE "closedAt" >= ${START} AND "closedAt" < ${END} GROUP BY "closeReason"`),
    );
    expect(figures.counts.get("closed")).toEqual(new Map([["goals_met", 5], ["no_contact", 1]]));
    expect(figures.counts.get("persons")).toEqual(
      await counted(db().$queryRaw`SELECT '' AS "key", count(DISTINCT "personId") AS "n" FROM "Case" WHERE "openedAt" < ${END} AND ("closedAt" IS NULL OR "closedAt" >= ${START})`),
    );
    expect(figures.counts.get("activity")).toEqual(
      await counted(db().$queryRaw`SELECT "kind" AS "key", count(*) AS "n" FROM "Activity" WHERE "occurredAt" >= ${START} AND "occurredAt" < ${END} GROUP BY "kind"`),
    );
    expect(figures.counts.get("goal")).toEqual(new Map([[`${world.track.id}|achieved`, 5], [`${world.track.id}|ongoing`, 2]]));
    expect(figures.counts.get("need")).toEqual(
      await counted(db().$queryRaw`SELECT "trackId" AS "key", count(*) AS "n" FROM "NeedsAssessment" WHERE "assessedAt" >= ${START} AND "assessedAt" < ${END} AND "level" <> 'none' GROUP BY "trackId"`),
    );
    expect(figures.counts.get("caseload")).toEqual(
      await counted(
        db().$queryRaw`SELECT "accountId" AS "key", count(DISTINCT "caseId") AS "n" FROM "CaseAssignment" WHERE "kind" = 'lead' AND "assignedAt" < ${END} AND ("endedAt" IS NULL OR "endedAt" >= ${START}) GROUP BY "accountId"`,
      ),
    );
    // Referrals sent in the quarter: the world's own was sent now (December), outside it.
    const byPartner = await db().$queryRaw<{ key: string; sent: bigint; accepted: bigint; completed: bigint; declined: bigint; flagged: bigint }[]>`
      SELECT "organizationId" AS "key", count(*) AS "sent", count(CASE WHEN "respondedAt" IS NOT NULL AND "status" <> 'declined' THEN 1 END) AS "accepted",
        count(CASE WHEN "status" = 'completed' THEN 1 END) AS "completed", count(CASE WHEN "status" = 'declined' THEN 1 END) AS "declined", count("flaggedAt") AS "flagged"
      FROM "Referral" WHERE "sentAt" >= ${START} AND "sentAt" < ${END} AND "status" <> 'draft' GROUP BY "organizationId"`;
    const partnerRows = figures.funnels.filter((row) => row.figure === "partner");
    expect(partnerRows.map(({ key, sent, accepted, completed, declined, flagged }) => ({ key, sent, accepted, completed, declined, flagged })).sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      byPartner.map((row) => ({ key: row.key, sent: Number(row.sent), accepted: Number(row.accepted), completed: Number(row.completed), declined: Number(row.declined), flagged: Number(row.flagged) })).sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(figures.funnels.find((row) => row.figure === "all")).toMatchObject({ sent: 7, accepted: 5, completed: 3, declined: 1, flagged: 1 });
    expect(figures.declined).toEqual(new Map([["no_capacity", 1]]));
    // Medians: answers in 2, 3, 4, 5, 6 (partner A) and 8 hours (B): the middle of six is 4.5.
    // (Hours from julianday() differ from the exact ones in the eighth decimal: the page shows one.)
    expect(figures.medians.get("answer|")).toEqual({ hours: expect.closeTo(4.5, 6), n: 6 });
    expect(figures.medians.get(`partner|${world.partnerA.id}`)).toEqual({ hours: expect.closeTo(4, 6), n: 5 });
    // Triage: six in 10 hours, six in 30: the mean of the middle two.
    expect(figures.medians.get("triage|")).toEqual({ hours: expect.closeTo(20, 6), n: 12 });
  });

  it("show a cell of 3 as 'fewer than 5' in the page's data, its chart and the CSV, and the total does not give it away", async () => {
    await knownCounts();
    const coordinator = await signedIn(world.accounts.coordinator);
    const response = await settle(() => reportsLoader(routeArgs(get("/staff/reports?period=quarter&start=2026-07-01", coordinator))));
    expect(response.status).toBe(200);
    const page = await response.json();
    const channel = page.sections.find((section: { id: string }) => section.id === "requests-channel");
    // Staff entered 3: fewer than 5. The form's 12 is withheld with it, or 15 − 12 would say 3.
    expect(channel.rows).toEqual([
      { label: "The public form", cells: ["withheld", 0] },
      { label: "Entered by staff", cells: ["fewer", 0] },
    ]);
    expect(channel.total.cells).toEqual([15, 0]);
    // No withheld number anywhere in what the page received: not 3, not 12, in no cell or bar.
    const numbers = JSON.stringify(page.sections.filter((section: { id: string }) => section.id.startsWith("requests-channel")));
    expect(numbers).not.toMatch(/\b(3|12)\b/);

    const chart = renderToStaticMarkup(BarChart({ id: "c", title: "t", summary: "s", words: { fewer: "fewer than 5", withheld: "withheld" }, bars: channel.chart.bars }));
    expect(chart).toContain("fewer than 5");
    expect(chart.match(/class="bar-withheld"/g)).toHaveLength(2);
    expect(chart).not.toMatch(/class="bar"/);

    const csv = await (await settle(() => csvAction(routeArgs(formPost("/staff/reports/csv", { period: "quarter", start: "2026-07-01" }, { Cookie: coordinator }))))).text();
    expect(csv).toContain(`"Entered by staff","fewer than 5","0"\r\n`);
    expect(csv).toContain(`"The public form","withheld","0"\r\n`);
    expect(csv).toContain(`"Total","15","0"\r\n`);
    expect(await db().auditEvent.count({ where: { action: "report.export", actorId: world.accounts.coordinator.id } })).toBe(1);
  });

  it("draw a withheld count the same whatever its number", async () => {
    await knownCounts();
    const coordinator = viewerOf(world.accounts.coordinator);
    const chartOf = async () => {
      const report = await reportFor(coordinator, QUARTER);
      if (report?.scope !== "organisation") throw new Error("an organisation's report");
      return JSON.stringify(report.requests.urgency);
    };
    const withThree = await chartOf();
    // One more low-urgency request: 4 instead of 3, still fewer than 5; the same urgency table.
    await db().helpRequest.create({ data: { code: "R-FOURTH", source: "staff_entered", language: "ru", urgency: "low", preferredName: "X", contactKind: "signal", contactValue: "@x", createdAt: inQuarter(3) } });
    const withFour = await chartOf();
    expect(JSON.parse(withFour).rows).toEqual(JSON.parse(withThree).rows);
    expect(JSON.parse(withFour).total).toEqual({ now: 16, before: 0 });
  });

  it("give a caseworker their own caseload and nothing of the organisation's", async () => {
    await knownCounts();
    const caseworker = await signedIn(world.accounts.caseworker);
    const page = await (await settle(() => reportsLoader(routeArgs(get("/staff/reports?period=quarter&start=2026-07-01", caseworker))))).json();
    expect(page.scope).toBe("own caseload");
    expect(page.sections.map((section: { id: string }) => section.id)).toEqual(["caseload", "cases-state", "support-kinds", "support-tracks"]);
    expect(page.sections[0].rows).toHaveLength(1);
    expect(page.sections[0].rows[0].cells[0]).toBe(9);
  });

  it("refuse a range that ends before it begins, next to its field, and show the last quarter meanwhile", async () => {
    const coordinator = await signedIn(world.accounts.coordinator);
    const page = await (await settle(() => reportsLoader(routeArgs(get("/staff/reports?period=range&from=2026-09-01&to=2026-08-01", coordinator))))).json();
    expect(page.problems).toEqual([{ field: "to", message: "report.rangeBackwards" }]);
    expect(page.asked).toEqual({ from: "2026-09-01", to: "2026-08-01" });
    expect(page.period.kind).toBe("quarter");
    expect(storedDate(new Date(`${page.period.first}T00:00:00Z`)) < storedDate(new Date())).toBe(true);
  });
});

// A neutral link in an email leads its own account, for thirty days, to the page it is about;
// the daily clean-up removes the expired ones and only those.
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { deleteExpiredNoticeLinks, noticeDestination, noticeLink } from "~/email/notice-links.server";
import { makeAccount } from "../fixtures/accounts";

const DAY = 24 * 60 * 60 * 1000;
const tokenOf = (path: string) => path.replace("/n/", "");

describe("a notice link", () => {
  it("leads its account to the page for thirty days, and nobody else ever", async () => {
    const [account, other] = [await makeAccount("caseworker"), await makeAccount("caseworker")];
    const sent = new Date("2026-12-01T10:00:00Z");
    const token = tokenOf(await noticeLink(db(), account.id, "/staff/cases/c1", sent));
    expect(await noticeDestination(token, account.id, new Date(sent.getTime() + 30 * DAY - 1))).toBe("/staff/cases/c1");
    expect(await noticeDestination(token, account.id, new Date(sent.getTime() + 30 * DAY))).toBeNull();
    expect(await noticeDestination(token, other.id, sent)).toBeNull();
    expect(await noticeDestination("not-a-token", account.id, sent)).toBeNull();
  });

  it("is removed once expired, and the others stay", async () => {
    const account = await makeAccount("caseworker");
    const now = new Date("2026-12-01T10:00:00Z");
    await noticeLink(db(), account.id, "/old", new Date(now.getTime() - 31 * DAY));
    const fresh = tokenOf(await noticeLink(db(), account.id, "/new", new Date(now.getTime() - 29 * DAY)));
    expect(await deleteExpiredNoticeLinks(now)).toBe(1);
    expect(await db().noticeLink.count()).toBe(1);
    expect(await noticeDestination(fresh, account.id, now)).toBe("/new");
  });
});

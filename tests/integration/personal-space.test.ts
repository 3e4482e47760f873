// A person's own space: the invitation that opens it, messages with the caseworker, and the
// export of everything held about them.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { en } from "~/i18n/en";
import { action as dataDownload } from "~/routes/me.data.download";
import { action as dataAction, loader as dataLoader } from "~/routes/me.data";
import { action as messagesAction, loader as messagesLoader } from "~/routes/me.messages";
import { loader as meLoader } from "~/routes/me._index";
import { action as caseAction, loader as caseLoader } from "~/routes/staff.cases.$caseId";
import { action as personAction } from "~/routes/staff.persons.$personId";
import { action as twoFactorAction } from "~/routes/two-factor";
import { action as welcomeAction } from "~/routes/welcome.$token";
import { currentCode, FIXTURE_PASSWORD, FIXTURE_TOTP_SECRET, passwordStep, signedIn } from "../fixtures/accounts";
import { cookieOf, formPost, get, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";
import { noticeDestination } from "../fixtures/notices";
import { workAfterResponses } from "~/jobs/after-response.server";

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});

const post = (path: string, fields: Record<string, string>, cookie: string) => formPost(path, fields, { Cookie: cookie });
const caseArgs = (w: World, fields: Record<string, string>, cookie: string) => routeArgs(post(`/staff/cases/${w.caseOne.id}`, fields, cookie), { caseId: w.caseOne.id });
const emailsTo = (to: string) => db().outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });

describe("messages between a person and their caseworker", () => {
  it("carry the caseworker's message to the person and the answer back, each side told by an email without the text", async () => {
    const caseworker = await signedIn(world.accounts.caseworker);
    expect((await settle(() => caseAction(caseArgs(world, { intent: "message", body: "Can we meet on Tuesday?" }, caseworker)))).status).toBe(302);
    const [toPerson] = await emailsTo(world.accounts.client.email);
    expect(toPerson).toMatchObject({ template: "update" });
    expect(await noticeDestination(toPerson!)).toBe("/me/messages");

    const client = await signedIn(world.accounts.client);
    const seen = await (await settle(() => messagesLoader(routeArgs(get("/me/messages", client))))).json();
    expect(seen.messages).toMatchObject([{ body: "Can we meet on Tuesday?", mine: false, unread: true }]);
    expect(seen.canWrite).toBe(true);

    expect((await settle(() => messagesAction(routeArgs(post("/me/messages", { intent: "send", body: "Yes, Tuesday works" }, client))))).status).toBe(302);
    const after = await (await settle(() => messagesLoader(routeArgs(get("/me/messages", client))))).json();
    // Answering read the caseworker's message.
    expect(after.messages).toMatchObject([{ unread: false }, { body: "Yes, Tuesday works", mine: true }]);
    const [toCaseworker] = await emailsTo(world.accounts.caseworker.email);
    expect(await noticeDestination(toCaseworker!)).toBe(`/staff/cases/${world.caseOne.id}#messages`);

    const onCase = await (await settle(() => caseLoader(routeArgs(get(`/staff/cases/${world.caseOne.id}`, caseworker), { caseId: world.caseOne.id })))).json();
    expect(onCase.found.messages.map((m: { body: string; readAt: string | null }) => [m.body, m.readAt === null])).toEqual([
      ["Can we meet on Tuesday?", false],
      ["Yes, Tuesday works", true],
    ]);
    await settle(() => caseAction(caseArgs(world, { intent: "mark-read" }, caseworker)));
    expect(await db().caseMessage.count({ where: { readAt: null } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "message.send", personId: world.personOne.id } })).toBe(2);
  });

  it("refuses an empty or too long message with a message next to the field and keeps the text", async () => {
    const client = await signedIn(world.accounts.client);
    const empty = await settle(() => messagesAction(routeArgs(post("/me/messages", { intent: "send", body: "   " }, client))));
    expect(empty.status).toBe(400);
    expect((await empty.json()).errors.body).toBe("message.required");
    const long = "x".repeat(4001);
    const tooLong = await settle(() => messagesAction(routeArgs(post("/me/messages", { intent: "send", body: long }, client))));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toEqual({ errors: { body: "form.tooLong" }, body: long });
    const caseworker = await signedIn(world.accounts.caseworker);
    const staffEmpty = await settle(() => caseAction(caseArgs(world, { intent: "message", body: "" }, caseworker)));
    expect(staffEmpty.status).toBe(400);
    expect(await db().caseMessage.count()).toBe(0);
  });

  it("stay between them: another person sees nothing, another caseworker gets 404", async () => {
    await db().caseMessage.create({ data: { caseId: world.caseOne.id, authorId: world.accounts.caseworker.id, body: "Only for Ганна" } });
    const other = await signedIn(world.accounts.otherClient);
    expect((await (await settle(() => messagesLoader(routeArgs(get("/me/messages", other))))).json()).messages).toEqual([]);
    const otherCaseworker = await signedIn(world.accounts.otherCaseworker);
    expect((await settle(() => caseAction(caseArgs(world, { intent: "message", body: "Hello" }, otherCaseworker)))).status).toBe(404);
    expect(await db().caseMessage.count()).toBe(1);
  });

  it("wait for an open case: a person whose case is closed is told so and nothing is stored", async () => {
    await db().case.update({ where: { id: world.caseOne.id }, data: { status: "closed" } });
    const client = await signedIn(world.accounts.client);
    const refused = await settle(() => messagesAction(routeArgs(post("/me/messages", { intent: "send", body: "Hello?" }, client))));
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors.body).toBe("message.noCase");
    expect(await db().caseMessage.count()).toBe(0);
  });
});

describe("the invitation to a personal space", () => {
  it("sends an activation link; the person sets a password and lands in their space, in their language", async () => {
    const person = await db().person.create({ data: { caseCode: "AC-NEW3-NEW3", preferredName: "Зміцер" } });
    await db().case.create({ data: { personId: person.id, status: "active", assignments: { create: { accountId: world.accounts.caseworker.id } } } });
    const caseworker = await signedIn(world.accounts.caseworker);
    const invite = (fields: Record<string, string>) => settle(() => personAction(routeArgs(post(`/staff/persons/${person.id}`, fields, caseworker), { personId: person.id })));

    const bad = await invite({ intent: "invite", email: "not an address", locale: "be" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.email).toBe("login.emailInvalid");

    expect((await invite({ intent: "invite", email: "Zmicier@Example.org", locale: "be" })).status).toBe(200);
    await workAfterResponses();
    const [email] = await emailsTo("zmicier@example.org");
    expect(email).toMatchObject({ template: "activation", locale: "be" });
    const firstToken = (JSON.parse(email!.params) as { path: string }).path.replace("/welcome/", "");

    // Asked again before activation: a new link, and the first one stops working.
    expect((await invite({ intent: "resend-invite" })).status).toBe(200);
    const second = (await emailsTo("zmicier@example.org"))[1]!;
    const token = (JSON.parse(second.params) as { path: string }).path.replace("/welcome/", "");
    const welcome = (t: string) =>
      settle(() => welcomeAction(routeArgs(formPost(`/welcome/${t}`, { password: "a long enough password for me", repeat: "a long enough password for me" }), { token: t })));
    expect((await welcome(firstToken)).status).toBe(400);
    const activated = await welcome(token);
    expect(activated.status).toBe(302);
    expect(activated.headers.get("Location")).toBe("/me");
    const space = await (await settle(() => meLoader(routeArgs(get("/me", cookieOf(activated)))))).json();
    expect(space.space.caseCode).toBe("AC-NEW3-NEW3");
  });
});

describe("the export of a person's data", () => {
  beforeEach(async () => {
    await db().note.createMany({
      data: [
        { caseId: world.caseOne.id, body: "Met at the office, all well", authorId: world.accounts.caseworker.id },
        { caseId: world.caseOne.id, body: "Restricted: about a third person", restricted: true, authorId: world.accounts.caseworker.id },
      ],
    });
    await db().caseMessage.create({ data: { caseId: world.caseOne.id, authorId: world.accounts.caseworker.id, body: "See you on Tuesday" } });
  });

  it("asks for the password again, then shows everything held about the person and only about them", async () => {
    const client = await signedIn(world.accounts.client);
    const wrong = await settle(() => dataAction(routeArgs(post("/me/data", { format: "page", password: "not my password" }, client))));
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors.password).toBe("password.currentWrong");
    expect(await db().auditEvent.count({ where: { action: "person.export" } })).toBe(0);

    const shown = await settle(() => dataAction(routeArgs(post("/me/data", { format: "page", password: FIXTURE_PASSWORD }, client))));
    const text = await shown.text();
    for (const held of ["Ганна Сарока", "@ac-one1-one1", "Met at the office, all well", "See you on Tuesday", "Please see her this week", "Partner A", "R-ONE111"]) expect(text).toContain(held);
    expect(text).not.toContain("about a third person");
    expect(text).toContain('"restrictedNotesLeftOut":1');
    for (const other of ["Мядзведзеў", "AC-TWO2-TWO2", "R-TWO222"]) expect(text).not.toContain(other);
    expect(await db().auditEvent.count({ where: { action: "person.export", personId: world.personOne.id } })).toBe(1);
  });

  it("downloads the same data as a JSON file with a neutral name, and sends a wrong password back to the form", async () => {
    const client = await signedIn(world.accounts.client);
    const refused = await settle(() => dataDownload(routeArgs(post("/me/data/download", { format: "json", password: "wrong" }, client))));
    expect(refused.status).toBe(302);
    expect(refused.headers.get("Location")).toBe("/me/data?problem=password");
    const back = await (await settle(() => dataLoader(routeArgs(get("/me/data?problem=password", client))))).json();
    expect(back.returned).toEqual({ field: "password", problem: "password.currentWrong" });

    const file = await settle(() => dataDownload(routeArgs(post("/me/data/download", { format: "json", password: FIXTURE_PASSWORD }, client))));
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(file.headers.get("Content-Disposition")).toMatch(/^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = await file.json();
    expect(data.person).toMatchObject({ caseCode: "AC-ONE1-ONE1", fullName: "Ганна Сарока", languages: ["be", "ru"] });
    expect(data.cases[0].messages).toMatchObject([{ body: "See you on Tuesday", fromMe: false, from: "caseworker" }]);
    expect(data.consents).toMatchObject([{ purpose: "referral_sharing", recipient: "Partner A", sharedFields: ["preferredName", "contact", "request"] }]);
    // The readable page labels every field in the person's language: none is left as a raw key.
    const keys = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        for (const [key, item] of Object.entries(value)) {
          keys.add(key);
          walk(item);
        }
      }
    };
    walk(data);
    expect([...keys].filter((key) => !(`export.field.${key}` in en))).toEqual([]);
  });

  it("asks a person with a second factor for a fresh code as well", async () => {
    await db().account.update({ where: { id: world.accounts.client.id }, data: { totpSecret: FIXTURE_TOTP_SECRET } });
    const pending = await passwordStep(world.accounts.client.email);
    const verified = await settle(() => twoFactorAction(routeArgs(post("/two-factor", { code: currentCode() }, cookieOf(pending)))));
    const client = cookieOf(verified);
    const withoutCode = await settle(() => dataAction(routeArgs(post("/me/data", { format: "page", password: FIXTURE_PASSWORD }, client))));
    expect(withoutCode.status).toBe(400);
    expect((await withoutCode.json()).errors.code).toBe("twoFactor.codeWrong");
    // The code that signed in was used; the next one is fresh.
    const withCode = await settle(() => dataAction(routeArgs(post("/me/data", { format: "page", password: FIXTURE_PASSWORD, code: currentCode(1) }, client))));
    expect(withCode.status).toBe(200);
  });
});

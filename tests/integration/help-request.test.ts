// The public help request: every bad input gets its message, nothing valid is lost, bots are
// discarded silently, and the status page does not tell a wrong code from a wrong secret.
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { localeCookie } from "~/i18n/locale.server";
import { action as helpAction } from "~/routes/help._index";
import { action as statusAction } from "~/routes/help.status";
import { formPost, routeArgs, settle } from "../fixtures/requests";

const VALID = {
  preferredName: "Ганна",
  contactKind: "signal",
  contactValue: "@hanna_x",
  safeTimes: "пасля 18:00",
  country: "lt",
  urgency: "normal",
  message: "Патрэбна дапамога з жыллём",
  consent: "on",
  website: "",
};

async function send(fields: Record<string, string>, tracks: string[] = [], address = "198.51.100.1", locale = "be") {
  const body = new URLSearchParams(fields);
  for (const key of tracks) body.append("trackKeys", key);
  const cookie = (await localeCookie.serialize(locale)).split(";")[0]!;
  const request = new Request("http://localhost:3000/help", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:3000", Cookie: cookie },
    body,
  });
  return settle(() => helpAction({ request, params: {}, context: { cspNonce: "t", clientAddress: address } }));
}

const status = (fields: Record<string, string>, address = "198.51.100.9") =>
  settle(() => statusAction({ ...routeArgs(formPost("/help/status", fields)), context: { cspNonce: "t", clientAddress: address } }));

describe("the public help form", () => {
  it("saves a valid request in the person's language and gives a receipt", async () => {
    await db().supportTrack.create({ data: { key: "housing", nameBe: "Жыллё", nameRu: "Жильё", nameEn: "Housing" } });
    const response = await send(VALID, ["housing"]);
    expect(response.status).toBe(200);
    const { receipt } = await response.json();
    expect(receipt.code).toMatch(/^R-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const saved = await db().helpRequest.findUniqueOrThrow({ where: { code: receipt.code }, include: { tracks: { include: { track: true } } } });
    expect([saved.language, saved.source, saved.status, saved.country, saved.preferredName]).toEqual(["be", "public_form", "new", "LT", "Ганна"]);
    expect(saved.tracks.map((t) => t.track.key)).toEqual(["housing"]);
    expect(saved.secretHash).not.toContain(receipt.secret);
  });

  it.each([
    ["preferredName", "", "help.nameRequired"],
    ["preferredName", "x".repeat(101), "form.tooLong"],
    ["contactKind", "pigeon", "request.contactKindRequired"],
    ["contactValue", "", "request.contactRequired"],
    ["contactValue", "not an email", "help.contactInvalid"],
    ["country", "Lithuania", "request.countryInvalid"],
    ["urgency", "whenever", "help.urgencyRequired"],
    ["message", "x".repeat(4001), "form.tooLong"],
    ["consent", "", "help.consentRequired"],
  ])("answers %s = %j with its message, not a failure", async (field, value, message) => {
    const fields = { ...VALID, [field]: value, ...(field === "contactValue" && value === "not an email" ? { contactKind: "email" } : {}) };
    const response = await send(fields);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[field]).toBe(message);
    // What the person typed is still there to correct.
    expect(body.values.message).toBe(fields.message);
    expect(await db().helpRequest.count()).toBe(0);
  });

  it("discards a request whose honeypot is filled, silently", async () => {
    const response = await send({ ...VALID, website: "https://spam.example" });
    expect(response.status).toBe(200);
    expect((await response.json()).receipt.code).toMatch(/^R-/);
    expect(await db().helpRequest.count()).toBe(0);
  });

  it("limits how many requests one address sends", async () => {
    for (let i = 0; i < 5; i++) expect((await send({ ...VALID, message: `${VALID.message} ${i}` }, [], "198.51.100.7")).status).toBe(200);
    const refused = await send({ ...VALID, message: "another" }, [], "198.51.100.7");
    expect(refused.status).toBe(429);
    expect((await refused.json()).errors).toEqual({ form: "help.throttled" });
    expect((await send(VALID, [], "198.51.100.8")).status).toBe(200);
  });
});

describe("the status page", () => {
  it("shows the status with the code and secret, and lets the person withdraw", async () => {
    const { receipt } = await (await send(VALID)).json();
    const found = await (await status({ code: receipt.code.toLowerCase(), secret: receipt.secret })).json();
    expect(found.result.status).toBe("new");
    const withdrawn = await (await status({ code: receipt.code, secret: receipt.secret, intent: "withdraw" })).json();
    expect(withdrawn.result.status).toBe("withdrawn");
    expect((await db().helpRequest.findUniqueOrThrow({ where: { code: receipt.code } })).status).toBe("withdrawn");
  });

  it("answers a wrong code and a wrong secret alike, and is rate limited", async () => {
    const { receipt } = await (await send(VALID)).json();
    const wrongSecret = await status({ code: receipt.code, secret: "aaaa-bbbb-cccc" }, "203.0.113.50");
    const wrongCode = await status({ code: "R-ZZZZ-ZZZZ", secret: receipt.secret }, "203.0.113.51");
    expect([wrongSecret.status, wrongCode.status]).toEqual([400, 400]);
    const a = await wrongSecret.json();
    const b = await wrongCode.json();
    expect(a.errors).toEqual(b.errors);
    expect(a.errors).toEqual({ form: "help.statusNotFound" });

    for (let i = 0; i < 5; i++) await status({ code: "R-ZZZZ-ZZZZ", secret: "x" }, "203.0.113.60");
    const limited = await status({ code: receipt.code, secret: receipt.secret }, "203.0.113.60");
    expect(limited.status).toBe(429);
  });

  it("keeps one request when the same one is sent twice, and the receipt shown last works", async () => {
    const [first, second] = await Promise.all([send(VALID, [], "198.51.100.20"), send(VALID, [], "198.51.100.20")]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const [a, b] = [(await first.json()).receipt, (await second.json()).receipt];
    expect(a.code).toBe(b.code);
    expect(await db().helpRequest.count({ where: { preferredName: VALID.preferredName } })).toBe(1);
    // The send that came second (the answer the browser shows) holds the secret word that works; the other's no longer does.
    const works = async (receipt: { code: string; secret: string }, address: string) => (await (await status({ ...receipt }, address)).json()).result?.status === "new";
    expect([await works(a, "198.51.100.22"), await works(b, "198.51.100.23")].sort()).toEqual([false, true]);
    // The same words from another address, or other words from this one, are another request.
    await send(VALID, [], "198.51.100.21");
    await send({ ...VALID, message: "Другое" }, [], "198.51.100.20");
    expect(await db().helpRequest.count({ where: { preferredName: VALID.preferredName } })).toBe(3);
  });
});

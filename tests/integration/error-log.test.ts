// Errors that reach the server's edge are logged in one line, without personal data: a real
// database error on a write that carries a person's name is logged by its code and what went
// wrong, and neither the name nor an email appears.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "~/db/client.server";
import { handleError } from "~/entry.server";

afterEach(() => vi.restoreAllMocks());

function logged(error: unknown): string {
  const lines: string[] = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  handleError(error, { request: new Request("http://localhost/staff/persons/x", { method: "POST" }) });
  return lines.join("\n");
}

describe("the error log", () => {
  it("names a unique violation on a person's record by its code, without the person's name or contact", async () => {
    await db().person.create({ data: { caseCode: "AC-SAME-CODE", preferredName: "Ганна", fullName: "Ганна Сарока" } });
    const error = await db()
      .person.create({ data: { caseCode: "AC-SAME-CODE", preferredName: "Алесь", fullName: "Алесь Мядзведзеў", contacts: { create: { kind: "email", value: "ales@example.org" } } } })
      .then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: "P2002" }); // the error did happen
    const line = logged(error);
    expect(line).toMatch(/^database error P2002: .*Unique constraint failed on the fields: \(`"?caseCode"?`\)$/);
    expect(line).not.toMatch(/Алесь|Мядзведзеў|Ганна|Сарока|ales@example\.org|AC-SAME-CODE/);
  });

  it("keeps only which call failed from a validation error, whose message quotes the query's values", async () => {
    const person = await db().person.create({ data: { caseCode: "AC-ONLY-ONE1", preferredName: "Ганна" } });
    const error = await db()
      .person.updateMany({ where: { id: person.id, version: 9223372036854775808 }, data: { fullName: "Алесь Мядзведзеў", version: { increment: 1 } } })
      .then(() => null, (e: unknown) => e);
    expect((error as Error).message).toContain("Мядзведзеў"); // what Remix's default handler would have logged
    const line = logged(error);
    expect(line).toMatch(/^database error \(invalid query\): Invalid `.*person\.updateMany\(\)` invocation/);
    expect(line).not.toMatch(/Мядзведзеў|Ганна/);
  });

  it("says nothing for a request the browser gave up", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const controller = new AbortController();
    controller.abort();
    handleError(new Error("aborted"), { request: new Request("http://localhost/", { signal: controller.signal }) });
    expect(spy).not.toHaveBeenCalled();
  });
});

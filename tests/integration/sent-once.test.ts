// A create form's one-time token: the first send saves, a second send of the same token saves
// nothing and is led where the first went; a refused send frees its token; two sends at once
// save once; tokens are per account; a save leaves the "Saved" notice for the next page.
import { json, redirect } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { deleteOldSentForms, saveOnce, takeSavedNotice } from "~/http/sent-once.server";

const request = () => new Request("http://app.test/staff/cases/c1", { method: "POST" });
const formWith = (once?: string) => {
  const form = new FormData();
  if (once) form.set("once", once);
  return form;
};
const TOKEN = "k3y0fThisPage000.add-task";

/** A save that counts itself and answers like a route: a redirect on success, 400 refused. */
function counted(answer: () => Response = () => redirect("/staff/cases/c1#tasks")) {
  const save = async () => {
    save.calls += 1;
    return answer();
  };
  save.calls = 0;
  return save;
}

describe("a form sent twice", () => {
  it("saves once and leads the second send where the first went", async () => {
    const save = counted();
    const first = await saveOnce(request(), formWith(TOKEN), "account-a", save);
    const second = await saveOnce(request(), formWith(TOKEN), "account-a", save);
    expect(save.calls).toBe(1);
    expect(first.headers.get("Location")).toBe("/staff/cases/c1#tasks");
    expect(second.status).toBe(302);
    expect(second.headers.get("Location")).toBe("/staff/cases/c1#tasks");
  });

  it("saves once when both arrive together: the second waits for the first", async () => {
    let finish = () => {};
    const slow = counted(() => redirect("/somewhere"));
    const held = async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      return slow();
    };
    const first = saveOnce(request(), formWith(TOKEN), "account-a", held);
    const second = saveOnce(request(), formWith(TOKEN), "account-a", slow);
    await new Promise((resolve) => setTimeout(resolve, 120));
    finish();
    const answers = await Promise.all([first, second]);
    expect(slow.calls).toBe(1);
    expect(answers.map((answer) => answer.headers.get("Location"))).toEqual(["/somewhere", "/somewhere"]);
  });

  it("lets the corrected form through after a refusal, and after a save that threw", async () => {
    const refused = counted(() => json({ errors: { title: "case.taskTitleRequired" } }, { status: 400 }));
    expect((await saveOnce(request(), formWith(TOKEN), "account-a", refused)).status).toBe(400);
    await expect(saveOnce(request(), formWith(TOKEN), "account-a", () => Promise.reject(new Error("database gone")))).rejects.toThrow("database gone");
    const save = counted();
    await saveOnce(request(), formWith(TOKEN), "account-a", save);
    expect(save.calls).toBe(1);
  });

  it("keeps each account's tokens apart, and runs a form without a token every time", async () => {
    const save = counted();
    await saveOnce(request(), formWith(TOKEN), "account-a", save);
    await saveOnce(request(), formWith(TOKEN), "account-b", save);
    await saveOnce(request(), formWith(), "account-a", save);
    await saveOnce(request(), formWith(), "account-a", save);
    expect(save.calls).toBe(4);
  });

  it("leaves a notice for the page a save leads to, read once", async () => {
    const answer = await saveOnce(request(), formWith(TOKEN), "account-a", counted());
    const cookie = answer.headers.get("Set-Cookie")!.split(";")[0]!;
    const taken = await takeSavedNotice(new Request("http://app.test/", { headers: { Cookie: cookie } }));
    expect(taken.notice).toMatch(/^[\w-]{16,}$/);
    expect(String(new Headers(taken.headers).get("Set-Cookie"))).toMatch(/Max-Age=0/);
    // A refusal answers in place: no notice.
    const refused = await saveOnce(request(), formWith("another-token-0001"), "account-a", counted(() => json({}, { status: 400 })));
    expect(refused.headers.get("Set-Cookie")).toBeNull();
  });

  it("forgets tokens after a day", async () => {
    await saveOnce(request(), formWith(TOKEN), "account-a", counted());
    expect(await deleteOldSentForms(new Date(Date.now() + 60_000))).toBe(0);
    expect(await deleteOldSentForms(new Date(Date.now() + 25 * 60 * 60_000))).toBe(1);
    expect(await db().sentForm.count()).toBe(0);
  });
});

// Support tracks as an administrator keeps them: added with names in three languages, renamed,
// reordered and retired; a retired track is no longer offered but stays where it was used.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { activeTracks } from "~/requests/requests.server";
import { action as tracksAction, loader as tracksLoader } from "~/routes/admin.tracks";
import { signedIn } from "../fixtures/accounts";
import { formPost, get, routeArgs, settle } from "../fixtures/requests";
import { makeWorld, type World } from "../fixtures/world";

let world: World;
let admin: string;
beforeEach(async () => {
  world = await makeWorld();
  admin = await signedIn(world.accounts.admin);
});

const send = (fields: Record<string, string>) => settle(() => tracksAction(routeArgs(formPost("/admin/tracks", fields, { Cookie: admin }))));
const names = { nameBe: "Адукацыя", nameRu: "Образование", nameEn: "Education" };

describe("support tracks", () => {
  it("are added with a key and three names; bad input is answered next to its field", async () => {
    const bad = await send({ intent: "add-track", key: "1 bad key", nameBe: "", nameRu: "x".repeat(101), nameEn: "Education", position: "-1" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual({ key: "tracks.keyInvalid", nameBe: "tracks.nameRequired", nameRu: "form.tooLong", position: "tracks.positionInvalid" });
    const taken = await send({ intent: "add-track", key: "medical", ...names, position: "9" });
    expect((await taken.json()).errors).toEqual({ key: "tracks.keyTaken" });

    expect((await send({ intent: "add-track", key: "Education", ...names, position: "9" })).status).toBe(200);
    expect((await activeTracks()).map((t) => t.key)).toEqual(["medical", "education"]);
    expect(await db().auditEvent.count({ where: { action: "track.change", actorId: world.accounts.admin.id } })).toBe(1);
  });

  it("are renamed and retired; a stale edit is refused; a retired track stays on the records", async () => {
    await db().helpRequestTrack.create({ data: { requestId: world.requestOne.id, trackId: world.track.id } });
    const edit = { intent: "edit-track", trackId: world.track.id, nameBe: "Медыцына", nameRu: "Медицина", nameEn: "Health", position: "3" };
    expect((await send({ ...edit, version: "1" })).status).toBe(200);
    expect(await activeTracks()).toEqual([]);
    const stale = await send({ ...edit, version: "1", active: "on" });
    expect(stale.status).toBe(409);
    expect((await stale.json()).errors).toEqual({ form: "form.stale" });
    const shown = await (await settle(() => tracksLoader(routeArgs(get("/admin/tracks", admin))))).json();
    expect(shown.tracks).toMatchObject([{ key: "medical", nameEn: "Health", active: false, version: 2 }]);
    expect(await db().helpRequestTrack.count({ where: { trackId: world.track.id } })).toBe(1);
  });
});

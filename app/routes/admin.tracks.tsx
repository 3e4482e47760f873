// Support tracks for administrators: add one, rename it in three languages, order or retire it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { Field } from "~/components/field";
import { fieldErrors, type FieldErrors } from "~/components/forms";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { trackForm } from "~/tracks/track-forms";
import { addTrack, allTracks, editTrack } from "~/tracks/tracks.server";
import { readForm } from "~/http/form.server";
import { saveOnce } from "~/http/sent-once.server";
import { SavingForm } from "~/components/saving-form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "tracks.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, "admin");
  return json({ tracks: await allTracks() });
}

type ActionData = { form: string; errors: FieldErrors; values: Record<string, string>; done: boolean };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireArea(request, "admin");
  const sent = await readForm(request);
  const values = Object.fromEntries([...sent.entries()].map(([k, v]) => [k, String(v)]));
  // Which form answered: the new track's, or the row of the track that was edited.
  const form = values.intent === "edit-track" ? (values.trackId ?? "") : "new";
  return saveOnce(request, sent, admin.accountId, async () => {
    const parsed = trackForm.safeParse(values);
    if (!parsed.success) return json<ActionData>({ form, errors: fieldErrors(parsed.error), values, done: false }, { status: 400 });
    const result = parsed.data.intent === "add-track" ? await addTrack(admin, parsed.data) : await editTrack(admin, parsed.data);
    if (!result.ok) return json<ActionData>({ form, errors: { [result.field]: result.problem }, values, done: false }, { status: result.status });
    return json<ActionData>({ form, errors: {}, values: {}, done: true });
  });
}

export default function AdminTracks() {
  const t = useT();
  const { tracks } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const err = (form: string, field: string) => (data?.form === form && data.errors[field] ? t(data.errors[field]) : undefined);
  const val = (form: string, field: string, fallback: string) => (data?.form === form && !data.done ? (data.values[field] ?? fallback) : fallback);
  const answered = `${data ? "a" : "f"}${data?.done ? "d" : ""}`;
  return (
    <section>
      <h1>{t("tracks.title")}</h1>
      <p className="lead">{t("tracks.lead")}</p>
      {data?.done ? <p role="status">{t("form.saved")}</p> : null}
      {tracks.map((track) => (
        <article key={`${track.id}-${track.version}-${answered}`} className="case-section" id={`track-${track.key}`}>
          <h2>
            {track.nameEn} <span className="muted">({track.key})</span>
          </h2>
          {err(track.id, "form") ? (
            <p className="form-error" role="alert">
              {err(track.id, "form")}
            </p>
          ) : null}
          <Form method="post" noValidate className="inline-form">
            <input type="hidden" name="intent" value="edit-track" />
            <input type="hidden" name="trackId" value={track.id} />
            <input type="hidden" name="version" value={track.version} />
            <TrackNames id={track.key} value={(field, fallback) => val(track.id, field, fallback)} error={(field) => err(track.id, field)} track={track} />
            <label className="check">
              <input type="checkbox" name="active" defaultChecked={track.active} /> {t("tracks.active")}
            </label>
            <button type="submit">{t("form.save")}</button>
          </Form>
        </article>
      ))}
      <h2>{t("tracks.addTitle")}</h2>
      <SavingForm noValidate className="narrow" key={`new-${answered}`} once="add-track">
        <input type="hidden" name="intent" value="add-track" />
        <Field name="key" id="new-key" label={t("tracks.key")} defaultValue={val("new", "key", "")} error={err("new", "key")} />
        <TrackNames id="new" value={(field, fallback) => val("new", field, fallback)} error={(field) => err("new", field)} track={{ nameBe: "", nameRu: "", nameEn: "", position: tracks.length }} />
        <button type="submit" className="primary">
          {t("tracks.add")}
        </button>
      </SavingForm>
    </section>
  );
}

type Names = { nameBe: string; nameRu: string; nameEn: string; position: number };

/** The three names and the position of a track, as fields. */
function TrackNames({ id, track, value, error }: { id: string; track: Names; value: (field: string, fallback: string) => string; error: (field: string) => string | undefined }) {
  const t = useT();
  return (
    <>
      <Field name="nameBe" id={`${id}-be`} label={t("tracks.nameBe")} defaultValue={value("nameBe", track.nameBe)} error={error("nameBe")} />
      <Field name="nameRu" id={`${id}-ru`} label={t("tracks.nameRu")} defaultValue={value("nameRu", track.nameRu)} error={error("nameRu")} />
      <Field name="nameEn" id={`${id}-en`} label={t("tracks.nameEn")} defaultValue={value("nameEn", track.nameEn)} error={error("nameEn")} />
      <Field name="position" id={`${id}-position`} type="number" min={0} max={999} label={t("tracks.position")} defaultValue={value("position", String(track.position))} error={error("position")} />
    </>
  );
}

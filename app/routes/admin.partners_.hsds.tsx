// The partner directory in and out as Open Referral HSDS: the download (on its own resource
// route, after a fresh second-factor code), the import with its preview, and the read-only feed.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireArea } from "~/auth/session.server";
import { Field } from "~/components/field";
import { SavingForm } from "~/components/saving-form";
import { SelectField } from "~/components/select-field";
import { serverConfig } from "~/config/env.server";
import { saveOnce } from "~/http/sent-once.server";
import type { MessageKey } from "~/i18n/catalogue";
import { localeFor } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { trackName } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { activeTracks } from "~/requests/requests.server";
import { confirmImport, feedState, MAX_IMPORT_BYTES, newFeedToken, previewImport, readImportForm, stopFeed, type ImportPreview } from "~/standards/directory-exchange.server";
import { pathInWords, problemMessage, type SchemaProblem } from "~/standards/hsds-problems";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "hsds.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, "admin");
  const [feed, tracks, locale] = await Promise.all([feedState(), activeTracks(), localeFor(request)]);
  const since = feed.since ? new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: serverConfig().timeZone }).format(feed.since) : null;
  return json({ feedOn: feed.on, since, tracks, feedAddress: `${serverConfig().appOrigin}/hsds/organizations` });
}

const importForm = z.object({
  intent: z.enum(["preview", "confirm", "feed-on", "feed-off"]),
  trackId: z.string().max(40).default(""),
  digest: z.string().max(64).default(""),
  set: z.string().max(MAX_IMPORT_BYTES * 2 + 64 * 1024).default(""),
});
const carriedFiles = z.array(z.object({ name: z.string().max(120), text: z.string() })).max(50);

type ActionData =
  | { intent: "preview"; preview: ImportPreview; trackId: string; stale?: boolean }
  | { intent: "feed-on"; token: string }
  | { intent: "feed-off" }
  | { intent: "refused"; problem: MessageKey };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireArea(request, "admin");
  const upload = await readImportForm(request);
  if (upload === "tooLarge") return json<ActionData>({ intent: "refused", problem: "hsds.problem.tooLarge" }, { status: 413 });
  if (upload === "notForm") return json<ActionData>({ intent: "refused", problem: "hsds.problem.noFiles" }, { status: 400 });
  const parsed = importForm.safeParse(upload.fields);
  if (!parsed.success) return json<ActionData>({ intent: "refused", problem: "hsds.problem.noFiles" }, { status: 400 });
  const { intent, trackId, digest, set } = parsed.data;
  if (intent === "feed-on") return json<ActionData>({ intent, token: await newFeedToken(admin) });
  if (intent === "feed-off") {
    await stopFeed(admin);
    return json<ActionData>({ intent });
  }
  if (intent === "preview") {
    const preview = await previewImport(admin, upload.files, trackId);
    return json<ActionData>({ intent, preview, trackId }, { status: preview.ok ? 200 : 400 });
  }
  // The confirmation carries the previewed files back; the same page's form, sent twice, imports once.
  const files = carriedFiles.safeParse(safeJson(set));
  if (!files.success) return json<ActionData>({ intent: "refused", problem: "hsds.problem.noFiles" }, { status: 400 });
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.set(name, value);
  return saveOnce(request, form, admin.accountId, async () => {
    const result = await confirmImport(admin, files.data, trackId, digest);
    if (result.ok) return redirect(`/admin/partners/hsds?added=${result.added}&updated=${result.updated}`);
    return json<ActionData>({ intent: "preview", preview: result.preview, trackId, stale: true }, { status: 409 });
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function ProblemList({ problems }: { problems: SchemaProblem[] }) {
  const t = useT();
  const words = (problem: SchemaProblem) => {
    const message = problemMessage(problem, (key) => t(key));
    const what = t(message.key, message.values);
    if (!problem.document) return what;
    return problem.path ? t("hsds.problem.at", { document: problem.document, path: pathInWords(problem.path), problem: what }) : t("hsds.problem.document", { document: problem.document, problem: what });
  };
  return (
    <ul>
      {problems.map((problem, index) => (
        <li key={index}>{words(problem)}</li>
      ))}
    </ul>
  );
}

export default function DirectoryExchange() {
  const t = useT();
  const locale = useLocale();
  const { feedOn, since, tracks, feedAddress } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const exportError = params.get("exportError");
  const added = params.get("added");
  const preview = data?.intent === "preview" ? data : null;
  // Two problems belong to the form's own fields; the others are the files'.
  const refusedFor = (keyword: string) => Boolean(preview && !preview.preview.ok && preview.preview.problems.some((p) => p.keyword === keyword));
  const [trackMissing, filesMissing] = [refusedFor("track"), refusedFor("noFiles")];
  const count = (change: string) => (preview?.preview.ok ? preview.preview.items.filter((item) => item.change === change).length : 0);
  return (
    <section>
      <h1>{t("hsds.title")}</h1>
      <p>{t("hsds.lead")}</p>
      {added !== null ? <p role="status">{t("hsds.imported", { added: Number(added), updated: Number(params.get("updated") ?? 0) })}</p> : null}
      {data?.intent === "refused" ? (
        <p className="form-error" role="alert">
          {t(data.problem)}
        </p>
      ) : null}

      <h2>{t("hsds.export")}</h2>
      <p>{t("hsds.exportLead")}</p>
      <Form method="post" action="/admin/partners/hsds/download" className="filters" reloadDocument>
        <Field name="code" label={t("audit.exportCode")} autoComplete="one-time-code" inputMode="numeric" error={exportError === "twoFactor.codeWrong" || exportError === "twoFactor.codeRequired" ? t(exportError) : undefined} required />
        <button type="submit">{t("hsds.exportSubmit")}</button>
      </Form>

      <h2>{t("hsds.import")}</h2>
      <p>{t("hsds.importLead")}</p>
      <Form method="post" encType="multipart/form-data" className="narrow" noValidate>
        <input type="hidden" name="intent" value="preview" />
        <Field name="documents" id="hsds-documents" type="file" accept=".json,application/json" multiple label={t("hsds.files")} error={filesMissing ? t("hsds.problem.noFiles") : undefined} />
        <SelectField name="trackId" id="hsds-track" label={t("hsds.track")} empty options={tracks.map((track) => ({ value: track.id, label: trackName(track, locale) }))} defaultValue={preview?.trackId ?? ""} error={trackMissing ? t("hsds.problem.track") : undefined} />
        <button type="submit">{t("hsds.previewSubmit")}</button>
      </Form>

      {preview && !preview.preview.ok && !trackMissing && !filesMissing ? (
        <div className="form-error" role="alert">
          <p>{t("hsds.refused")}</p>
          <ProblemList problems={preview.preview.problems} />
        </div>
      ) : null}

      {preview?.preview.ok ? (
        <div className="case-section">
          <h3>{t("hsds.preview")}</h3>
          {preview.stale ? <p role="alert">{t("hsds.stale")}</p> : null}
          <p role="status">{t("hsds.summary", { added: count("add"), updated: count("update"), same: count("same") })}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("hsds.what")}</th>
                <th scope="col">{t("hsds.name")}</th>
                <th scope="col">{t("hsds.change")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.preview.items.map((item) => (
                <tr key={`${item.entity}:${item.hsdsId}`}>
                  <td>{t(`hsds.entity.${item.entity}`)}</td>
                  <td>{item.name}</td>
                  <td>
                    {item.change === "update"
                      ? t("hsds.change.update", { fields: item.fields.map((field) => t(`hsds.field.${field}` as MessageKey)).join(", ") })
                      : t(`hsds.change.${item.change}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.preview.refusals.length ? (
            <>
              <h4>{t("hsds.leftOut")}</h4>
              <ul className="hsds-refusals">
                {preview.preview.refusals.map((refusal, index) => (
                  <li key={index}>
                    {t(`hsds.refusal.${refusal.rule}`, {
                      entity: t(`hsds.entity.${refusal.entity}`),
                      name: refusal.name,
                      value: refusal.rule === "tooLong" ? t(`hsds.field.${refusal.value}` as MessageKey) : refusal.value,
                    })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {count("add") + count("update") === 0 ? (
            <p>{t("hsds.nothingToDo")}</p>
          ) : (
            <SavingForm method="post" encType="multipart/form-data" once="hsds-import">
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="trackId" value={preview.trackId} />
              <input type="hidden" name="digest" value={preview.preview.digest} />
              <input type="hidden" name="set" value={preview.preview.set} />
              <button type="submit" className="primary">
                {t("hsds.confirmSubmit")}
              </button>
            </SavingForm>
          )}
        </div>
      ) : null}

      <h2>{t("hsds.feed")}</h2>
      <p>{t("hsds.feedLead")}</p>
      <p>{feedOn && since ? t("hsds.feedOn", { date: since }) : t("hsds.feedOff")}</p>
      {data?.intent === "feed-on" ? (
        <div className="case-section" role="status">
          <p>{t("hsds.feedToken")}</p>
          <dl>
            <dt>{t("hsds.feedAddress")}</dt>
            <dd>
              <code>{feedAddress}</code>
            </dd>
            <dt>{t("hsds.feedHeader")}</dt>
            <dd>
              <code>Authorization: Bearer {data.token}</code>
            </dd>
          </dl>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="inline-form">
        <button type="submit" name="intent" value="feed-on">
          {feedOn ? t("hsds.feedNewToken") : t("hsds.feedTurnOn")}
        </button>
        {feedOn ? (
          <button type="submit" name="intent" value="feed-off">
            {t("hsds.feedTurnOff")}
          </button>
        ) : null}
      </Form>
    </section>
  );
}

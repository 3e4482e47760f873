// The partner directory for caseworkers: services by track, country and language, with whether
// they are open and how many new people they can take.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { Field } from "~/components/field";
import { SelectField } from "~/components/select-field";
import { pageTitle } from "~/i18n/meta";
import { trackName } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { directorySearch } from "~/partners/directory-forms";
import { searchServices } from "~/partners/directory.server";
import { activeTracks } from "~/requests/requests.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "directory.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireArea(request, "staff");
  const query = directorySearch.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [services, tracks] = await Promise.all([searchServices(query), activeTracks()]);
  return json({ services, tracks });
}

export default function Directory() {
  const t = useT();
  const locale = useLocale();
  const { services, tracks } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section>
      <h1>{t("directory.title")}</h1>
      <Form method="get" className="filters">
        <SelectField name="track" label={t("search.track")} empty options={tracks.map((track) => ({ value: track.id, label: trackName(track, locale) }))} defaultValue={params.get("track") ?? ""} />
        <Field name="country" label={t("request.country")} maxLength={2} defaultValue={params.get("country") ?? ""} />
        <Field name="language" label={t("directory.language")} maxLength={2} defaultValue={params.get("language") ?? ""} />
        <button type="submit" className="primary">
          {t("search.submit")}
        </button>
      </Form>
      <ul className="record-list">
        {services.map((service) => (
          <li key={service.id}>
            <strong>
              {service.organization.name} · {service.name}
            </strong>{" "}
            ({trackName(service.track, locale)}) —{" "}
            <span className={service.status === "active" ? undefined : "warn"}>
              {service.status === "active" ? t("referral.capacity", { available: service.capacities[0]?.available ?? "?" }) : t(`serviceStatus.${service.status}`)}
            </span>
            <br />
            <span className="muted">
              {service.areas.map((a) => [a.country, a.city].filter(Boolean).join(" ")).join(", ")} · {service.languages}
              {service.eligibility ? ` · ${service.eligibility}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

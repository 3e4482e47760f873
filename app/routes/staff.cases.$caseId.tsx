// A case, as far as it is built so far: its person (by case code), goals and open tasks.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireArea } from "~/auth/session.server";
import { viewCase } from "~/cases/cases.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "case.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  return json({ found: await viewCase(viewer, params.caseId ?? "") });
}

export default function CaseView() {
  const t = useT();
  const { found } = useLoaderData<typeof loader>();
  return (
    <section>
      <p className="role-badge">{found.person.caseCode}</p>
      <h1>
        {t("case.title")}: <Link to={`/staff/persons/${found.person.id}`}>{found.person.preferredName}</Link>
      </h1>
      <p>{t(`caseStatus.${found.status}`)}</p>
      <h2>{t("case.goals")}</h2>
      <ul>
        {found.goals.map((goal) => (
          <li key={goal.id}>{goal.title}</li>
        ))}
      </ul>
      <h2>{t("case.openTasks")}</h2>
      <ul>
        {found.tasks.map((task) => (
          <li key={task.id}>
            {task.title} — {task.dueOn.slice(0, 10)}
          </li>
        ))}
      </ul>
    </section>
  );
}

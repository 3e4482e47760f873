// The tasks section of the case page: the case's tasks with what can be done to an open one
// (done, cancelled, moved to another day or given to someone else working on the case), and
// the form for a new one. Folded forms are <details>: they work without JavaScript.
import { Form } from "@remix-run/react";
import { Field } from "~/components/field";
import { SelectField } from "~/components/select-field";
import { useT } from "~/i18n/use-t";

type Task = { id: string; title: string; dueOn: string; status: "open" | "done" | "cancelled"; version: number; assignee: { displayName: string } | null; assigneeId?: string | null };
type Person = { id: string; displayName: string };
/** What the last refused form sent, and why, when it was one of these. */
type Refused = { intent: string; values: Record<string, string>; errors: Record<string, string | undefined> } | null;

export function CaseTasks({ tasks, team, viewerId, today, refused }: { tasks: Task[]; team: Person[]; viewerId: string; today: string; refused: Refused }) {
  const t = useT();
  const refusedHere = (intent: string, taskId?: string) => (refused?.intent === intent && (!taskId || refused.values.taskId === taskId) ? refused : null);
  const error = (intent: string, field: string, taskId?: string) => {
    const key = refusedHere(intent, taskId)?.errors[field];
    return key ? t(key as never) : undefined;
  };
  const teamOptions = team.map((person) => ({ value: person.id, label: person.displayName }));
  return (
    <>
      <ul className="record-list">
        {tasks.map((task) => (
          <li key={task.id}>
            {task.dueOn.slice(0, 10)} · {task.title} · {task.assignee?.displayName ?? "—"} · {t(`taskStatus.${task.status}`)}
            {task.status === "open" ? (
              <>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="task-status" />
                  <input type="hidden" name="taskId" value={task.id} />
                  <input type="hidden" name="taskVersion" value={task.version} />
                  <button type="submit" name="status" value="done">
                    {t("case.taskDone")}
                  </button>
                  <button type="submit" name="status" value="cancelled">
                    {t("case.taskCancel")}
                  </button>
                </Form>
                <details className="add-form" open={Boolean(refusedHere("task-change", task.id))}>
                  <summary>{t("case.taskChange")}</summary>
                  <Form method="post" className="narrow">
                    <input type="hidden" name="intent" value="task-change" />
                    <input type="hidden" name="taskId" value={task.id} />
                    <input type="hidden" name="taskVersion" value={task.version} />
                    <Field
                      name="dueOn"
                      id={`task-due-${task.id}`}
                      type="date"
                      label={t("case.taskDue")}
                      defaultValue={refusedHere("task-change", task.id)?.values.dueOn ?? task.dueOn.slice(0, 10)}
                      error={error("task-change", "dueOn", task.id)}
                    />
                    <SelectField
                      name="assigneeId"
                      id={`task-assignee-${task.id}`}
                      label={t("tasks.assignee")}
                      options={teamOptions}
                      defaultValue={refusedHere("task-change", task.id)?.values.assigneeId ?? task.assigneeId ?? viewerId}
                      error={error("task-change", "assigneeId", task.id)}
                    />
                    <button type="submit">{t("case.taskSave")}</button>
                  </Form>
                </details>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <Form method="post" className="narrow">
        <input type="hidden" name="intent" value="add-task" />
        <Field name="title" id="task-title" label={t("case.taskTitle")} defaultValue={refusedHere("add-task")?.values.title} error={error("add-task", "title")} />
        <Field name="dueOn" id="task-due" type="date" label={t("case.taskDue")} defaultValue={refusedHere("add-task")?.values.dueOn ?? today} error={error("add-task", "dueOn")} />
        <SelectField
          name="assigneeId"
          id="task-assignee"
          label={t("tasks.assignee")}
          options={teamOptions}
          defaultValue={refusedHere("add-task")?.values.assigneeId ?? viewerId}
          error={error("add-task", "assigneeId")}
        />
        <button type="submit">{t("case.addTask")}</button>
      </Form>
    </>
  );
}

// The tasks section of the case page: the case's tasks with what can be done to an open one
// (done, cancelled, moved to another day or given to someone else working on the case), and
// the form for a new one. Folded forms are <details>: they work without JavaScript.
import { Field } from "~/components/field";
import { SavingForm } from "~/components/saving-form";
import { SelectField } from "~/components/select-field";
import { useT } from "~/i18n/use-t";
import { Folded } from "./case-layout";
import { useRefusal } from "./case-refusal";
import type { CaseView, Colleague } from "./case-view";

export function CaseTasks({ tasks, team, viewerId, today, days }: { tasks: CaseView["tasks"]; team: Colleague[]; viewerId: string; today: string; days: Record<string, string> }) {
  const t = useT();
  const { here, error, value } = useRefusal();
  const teamOptions = team.map((person) => ({ value: person.id, label: person.displayName }));
  return (
    <>
      <ul className="record-list">
        {tasks.map((task) => {
          const mine = { taskId: task.id };
          return (
            <li key={task.id}>
              {days[task.dueOn]} · {task.title} · {task.assignee?.displayName ?? "—"} · {t(`taskStatus.${task.status}`)}
              {task.status === "open" ? (
                <>
                  <SavingForm className="inline-form">
                    <input type="hidden" name="intent" value="task-status" />
                    <input type="hidden" name="taskId" value={task.id} />
                    <input type="hidden" name="taskVersion" value={task.version} />
                    <button type="submit" name="status" value="done">
                      {t("case.taskDone")}
                    </button>
                    <button type="submit" name="status" value="cancelled">
                      {t("case.taskCancel")}
                    </button>
                  </SavingForm>
                  <Folded summary={t("case.taskChange")} open={Boolean(here("task-change", mine))}>
                    <SavingForm className="narrow">
                      <input type="hidden" name="intent" value="task-change" />
                      <input type="hidden" name="taskId" value={task.id} />
                      <input type="hidden" name="taskVersion" value={task.version} />
                      <Field
                        name="dueOn"
                        id={`task-due-${task.id}`}
                        type="date"
                        label={t("case.taskDue")}
                        defaultValue={value("task-change", "dueOn", task.dueOn.slice(0, 10), mine)}
                        error={error("task-change", "dueOn", mine)}
                      />
                      <SelectField
                        name="assigneeId"
                        id={`task-assignee-${task.id}`}
                        label={t("tasks.assignee")}
                        options={teamOptions}
                        defaultValue={value("task-change", "assigneeId", task.assigneeId ?? viewerId, mine)}
                        error={error("task-change", "assigneeId", mine)}
                      />
                      <button type="submit">{t("case.taskSave")}</button>
                    </SavingForm>
                  </Folded>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
      <Folded summary={t("case.addTaskOpen")} open={Boolean(here("add-task"))}>
        <SavingForm className="narrow" once="add-task">
          <input type="hidden" name="intent" value="add-task" />
          <Field name="title" id="task-title" label={t("case.taskTitle")} defaultValue={value("add-task", "title")} error={error("add-task", "title")} />
          <Field name="dueOn" id="task-due" type="date" label={t("case.taskDue")} defaultValue={value("add-task", "dueOn", today)} error={error("add-task", "dueOn")} />
          <SelectField name="assigneeId" id="task-assignee" label={t("tasks.assignee")} options={teamOptions} defaultValue={value("add-task", "assigneeId", viewerId)} error={error("add-task", "assigneeId")} />
          <button type="submit">{t("case.addTask")}</button>
        </SavingForm>
      </Folded>
    </>
  );
}

// Activities where they are recorded: the newest first, with day, time, place and who recorded
// them; a new one (a call, a meeting, an appointment) with a follow-up task in the same form.
import { Field, TextAreaField } from "~/components/field";
import { SavingForm } from "~/components/saving-form";
import { SelectField } from "~/components/select-field";
import { useT } from "~/i18n/use-t";
import { ACTIVITY_KINDS } from "./case-forms";
import { Folded } from "./case-layout";
import { useRefusal } from "./case-refusal";
import type { CaseView } from "./case-view";

export function CaseActivities({ found, moments, timeZone, today }: { found: CaseView; moments: Record<string, string>; timeZone: string; today: string }) {
  const t = useT();
  const { here, error, value } = useRefusal();
  const v = (field: string, fallback = "") => value("add-activity", field, fallback);
  const e = (field: string) => error("add-activity", field);
  return (
    <>
      {found.activities.length ? (
        <ul className="record-list">
          {[...found.activities].reverse().map((a) => (
            <li key={a.id}>
              <time dateTime={a.occurredAt}>{moments[a.occurredAt]}</time> · <strong>{t(`activityKind.${a.kind}`)}</strong>
              {a.place ? ` · ${a.place}` : ""}
              {a.note ? ` — ${a.note}` : ""}
              {a.author ? <span className="muted"> · {a.author}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("case.noActivities")}</p>
      )}
      <Folded summary={t("case.addActivityOpen")} open={Boolean(here("add-activity"))}>
        <SavingForm className="narrow" once="add-activity">
          <input type="hidden" name="intent" value="add-activity" />
          <SelectField name="kind" id="activity-kind" label={t("case.activityKind")} options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activityKind.${k}`) }))} defaultValue={v("kind", "call")} />
          <Field name="occurredOn" id="activity-date" type="date" label={t("case.activityDate")} defaultValue={v("occurredOn", today)} error={e("occurredOn")} />
          <Field name="occurredTime" id="activity-time" type="time" label={t("case.activityTime", { zone: timeZone })} defaultValue={v("occurredTime")} error={e("occurredTime")} />
          <Field name="place" id="activity-place" label={t("case.activityPlace")} defaultValue={v("place")} error={e("place")} />
          <SelectField name="goalId" id="activity-goal" label={t("case.forGoal")} empty options={found.goals.map((g) => ({ value: g.id, label: g.title }))} defaultValue={v("goalId")} error={e("goalId")} />
          <TextAreaField name="note" id="activity-note" rows={2} label={t("case.activityNote")} defaultValue={v("note")} error={e("note")} />
          <fieldset className="follow-up">
            <legend>{t("case.followUp")}</legend>
            <Field name="followUpTitle" id="follow-up-title" label={t("case.taskTitle")} defaultValue={v("followUpTitle")} error={e("followUpTitle")} />
            <Field name="followUpDue" id="follow-up-due" type="date" label={t("case.taskDue")} defaultValue={v("followUpDue")} error={e("followUpDue")} />
          </fieldset>
          <button type="submit">{t("case.addActivity")}</button>
        </SavingForm>
      </Folded>
    </>
  );
}

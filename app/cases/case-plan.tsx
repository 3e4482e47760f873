// The plan: needs by track (the latest assessment of each) and the goals, each goal's status
// changed where it is listed; new assessments and goals in folded forms.
import { Field, TextAreaField } from "~/components/field";
import { SavingForm } from "~/components/saving-form";
import { SelectField } from "~/components/select-field";
import { nameOfTrack, trackName, type NamedTrack } from "~/i18n/track-name";
import { useLocale, useT } from "~/i18n/use-t";
import { GOAL_STATUSES, NEED_LEVELS } from "./case-forms";
import { Folded } from "./case-layout";
import { useRefusal } from "./case-refusal";
import type { CaseView } from "./case-view";

type Track = NamedTrack & { id: string; key: string };

export function CasePlan({ found, tracks }: { found: CaseView; tracks: Track[] }) {
  const t = useT();
  const locale = useLocale();
  const { here, error, value } = useRefusal();
  const nameOf = (match: (track: Track) => boolean) => nameOfTrack(tracks, match, locale) ?? "";
  const trackOptions = tracks.map((track) => ({ value: track.id, label: trackName(track, locale) }));
  return (
    <>
      <h3>{t("case.needsTitle")}</h3>
      <ul className="record-list">
        {found.assessments.map((a) => (
          <li key={a.id}>
            {nameOf((x) => x.id === a.track.id)}: {t(`needLevel.${a.level}`)}
            {a.summary ? ` — ${a.summary}` : ""}
          </li>
        ))}
      </ul>
      <Folded summary={t("case.assessOpen")} open={Boolean(here("assess"))}>
        <SavingForm className="narrow" once="assess">
          <input type="hidden" name="intent" value="assess" />
          <input type="hidden" name="seen" value={found.assessments.map((a) => `${a.track.id}:${a.version}`).join(",")} />
          <SelectField name="trackId" id="assess-track" label={t("search.track")} empty options={trackOptions} defaultValue={value("assess", "trackId")} error={error("assess", "trackId")} />
          <SelectField name="level" id="assess-level" label={t("case.needLevel")} options={NEED_LEVELS.map((l) => ({ value: l, label: t(`needLevel.${l}`) }))} defaultValue={value("assess", "level", "medium")} />
          <TextAreaField name="summary" id="assess-summary" rows={2} label={t("case.needSummary")} defaultValue={value("assess", "summary")} error={error("assess", "summary")} />
          <button type="submit">{t("case.assess")}</button>
        </SavingForm>
      </Folded>

      <h3>{t("case.goals")}</h3>
      <ul className="record-list">
        {found.goals.map((goal) => (
          <li key={goal.id}>
            <strong>{goal.title}</strong> ({nameOf((x) => x.key === goal.track.key)}) · {t(`goalStatus.${goal.status}`)}
            <SavingForm className="inline-form">
              <input type="hidden" name="intent" value="goal-status" />
              <input type="hidden" name="goalId" value={goal.id} />
              <input type="hidden" name="goalVersion" value={goal.version} />
              <label className="visually-hidden" htmlFor={`goal-${goal.id}`}>
                {t("case.goalStatus")}
              </label>
              <select id={`goal-${goal.id}`} name="status" defaultValue={goal.status}>
                {GOAL_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`goalStatus.${s}`)}
                  </option>
                ))}
              </select>
              <button type="submit">{t("form.save")}</button>
            </SavingForm>
          </li>
        ))}
      </ul>
      <Folded summary={t("case.addGoalOpen")} open={Boolean(here("add-goal"))}>
        <SavingForm className="narrow" once="add-goal">
          <input type="hidden" name="intent" value="add-goal" />
          <SelectField name="trackId" id="goal-track" label={t("search.track")} empty options={trackOptions} defaultValue={value("add-goal", "trackId")} error={error("add-goal", "trackId")} />
          <Field name="title" id="goal-title" label={t("case.goalTitle")} defaultValue={value("add-goal", "title")} error={error("add-goal", "title")} />
          <Field name="targetDate" id="goal-date" type="date" label={t("case.targetDate")} defaultValue={value("add-goal", "targetDate")} error={error("add-goal", "targetDate")} />
          <button type="submit">{t("case.addGoal")}</button>
        </SavingForm>
      </Folded>
    </>
  );
}

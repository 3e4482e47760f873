// The case's status (with what closing it would leave open, offered to cancel with it) and who
// works on it: the lead caseworker and colleagues it is shared with.
import { ActionButton } from "~/components/action-button";
import { TextAreaField } from "~/components/field";
import { SavingForm } from "~/components/saving-form";
import { SelectField } from "~/components/select-field";
import { useT } from "~/i18n/use-t";
import { CASE_TRANSITIONS, CLOSE_REASONS } from "./case-forms";
import { Folded } from "./case-layout";
import { useRefusal } from "./case-refusal";
import { stillOpen, type CaseView, type Colleague } from "./case-view";

export function CaseStatus({ found, days }: { found: CaseView; days: Record<string, string> }) {
  const t = useT();
  const { here, error, value } = useRefusal();
  const { referrals: openReferrals, tasks: openTasks } = stillOpen(found);
  return (
    <Folded summary={t("case.statusChangeOpen")} open={Boolean(here("status"))}>
      <SavingForm className="narrow">
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="version" value={value("status", "version", String(found.version))} />
        <SelectField
          name="status"
          id="status-select"
          label={t("case.newStatus")}
          empty
          options={CASE_TRANSITIONS[found.status].map((s) => ({ value: s, label: found.status === "closed" ? t("case.reopen") : t(`caseState.${s}`) }))}
          defaultValue={value("status", "status")}
          error={error("status", "status")}
        />
        <SelectField
          name="reason"
          id="close-reason"
          label={t("case.closeReason")}
          empty
          options={CLOSE_REASONS.map((r) => ({ value: r, label: t(`closeReason.${r}`) }))}
          defaultValue={value("status", "reason")}
          error={error("status", "reason")}
        />
        <TextAreaField name="note" id="status-note" rows={2} label={t("case.statusNote")} defaultValue={value("status", "note")} error={error("status", "note")} />
        {found.status !== "closed" && (openReferrals.length > 0 || openTasks.length > 0) ? (
          <fieldset className="close-open">
            <legend>{t("case.stillOpen", { referrals: openReferrals.length, tasks: openTasks.length })}</legend>
            <ul>
              {openReferrals.map((r) => (
                <li key={r.id}>
                  {r.service.organization.name} · {r.service.name} · {t(`referralStatus.${r.status}`)}
                </li>
              ))}
              {openTasks.map((task) => (
                <li key={task.id}>
                  {task.title} · {days[task.dueOn]}
                </li>
              ))}
            </ul>
            <label className="checkbox">
              <input type="checkbox" name="cancelOpen" defaultChecked={value("status", "cancelOpen") === "on"} /> {t("case.cancelOpen")}
            </label>
          </fieldset>
        ) : null}
        <button type="submit">{t("case.changeStatus")}</button>
      </SavingForm>
    </Folded>
  );
}

export function CaseTeam({ found, caseworkers }: { found: CaseView; caseworkers: Colleague[] }) {
  const t = useT();
  const { here, error } = useRefusal();
  const lead = found.assignments.find((a) => a.kind === "lead" && !a.endedAt);
  const shared = found.assignments.filter((a) => a.kind === "shared" && !a.endedAt);
  const notOnCase = caseworkers.filter((a) => !found.assignments.some((x) => x.account.id === a.id && !x.endedAt));
  return (
    <>
      <h3>{t("case.sharedTitle")}</h3>
      <ul className="record-list">
        {shared.map((a) => (
          <li key={a.id}>
            {a.account.displayName}
            <ActionButton intent="unshare" fields={{ assignmentId: a.id }} label={t("case.unshare")} />
          </li>
        ))}
      </ul>
      <Folded summary={t("case.assignTitle")} open={Boolean(here("assign") ?? here("share"))}>
        <SavingForm className="inline-form">
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="version" value={found.version} />
          <SelectField
            name="accountId"
            id="assign-select"
            label={t("case.assignTo")}
            empty
            options={caseworkers.map((a) => ({ value: a.id, label: a.displayName }))}
            defaultValue={lead?.account.id ?? ""}
            error={error("assign", "accountId")}
          />
          <button type="submit">{t("case.assign")}</button>
        </SavingForm>
        <SavingForm className="inline-form">
          <input type="hidden" name="intent" value="share" />
          <SelectField
            name="accountId"
            id="share-select"
            label={t("case.shareWith")}
            empty
            options={notOnCase.map((a) => ({ value: a.id, label: a.displayName }))}
            error={error("share", "shareAccountId") ?? error("share", "accountId")}
          />
          <button type="submit">{t("case.share")}</button>
        </SavingForm>
      </Folded>
    </>
  );
}

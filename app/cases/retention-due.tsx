// The retention schedule's next 30 days on the coordinator's erasure page: each person by the
// case code of their last case, when it closed and when it is erased, and a hold with a reason.
import { Form } from "@remix-run/react";
import { Field } from "~/components/field";
import { useT } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n/catalogue";

type Due = { caseId: string; caseCode: string; version: number; closedOn: string; dueOn: string | null; held: boolean; holdReason: string | null };
type Problem = { requestId: string; errors: Partial<Record<string, MessageKey>> } | undefined;

export function RetentionDue({ months, due, problem }: { months: number; due: Due[]; problem: Problem }) {
  const t = useT();
  return (
    <>
      <h2 id="retention">{t("retention.title")}</h2>
      {months === 0 ? (
        <p className="muted">{t("retention.off")}</p>
      ) : (
        <>
          <p className="lead">{t("retention.lead", { months })}</p>
          {due.length === 0 ? <p className="muted">{t("retention.none")}</p> : null}
          <ul className="record-list">
            {due.map((d) => {
              const error = problem?.requestId === d.caseId ? problem.errors.reason : undefined;
              return (
                <li key={d.caseId}>
                  <p>
                    <strong>{d.caseCode}</strong> · {t("retention.closedOn", { day: d.closedOn })} · {d.dueOn ? t("retention.dueOn", { day: d.dueOn }) : t("retention.overdue")}
                  </p>
                  {d.held ? (
                    <Form method="post" className="inline-form">
                      <p>{t("retention.heldBecause", { reason: d.holdReason ?? "" })}</p>
                      <input type="hidden" name="intent" value="release" />
                      <input type="hidden" name="caseId" value={d.caseId} />
                      <input type="hidden" name="version" value={d.version} />
                      <button type="submit">{t("retention.release")}</button>
                    </Form>
                  ) : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="hold" />
                      <input type="hidden" name="caseId" value={d.caseId} />
                      <input type="hidden" name="version" value={d.version} />
                      <Field name="reason" id={`reason-${d.caseId}`} label={t("retention.reason")} autoComplete="off" error={error ? t(error) : undefined} />
                      <button type="submit">{t("retention.hold")}</button>
                    </Form>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}

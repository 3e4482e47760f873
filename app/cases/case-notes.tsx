// The case's notes, newest page first; a new one (restricted: only its author and coordinators
// read it) in a folded form.
import { TextAreaField } from "~/components/field";
import { SavingForm } from "~/components/saving-form";
import { useT } from "~/i18n/use-t";
import { Folded } from "./case-layout";
import { useRefusal } from "./case-refusal";
import type { CaseView } from "./case-view";

export function CaseNotes({ notes, moments }: { notes: CaseView["notes"]; moments: Record<string, string> }) {
  const t = useT();
  const { here, error, value } = useRefusal();
  return (
    <>
      <ul className="record-list">
        {[...notes].reverse().map((note) => (
          <li key={note.id}>
            <span className="muted">
              <time dateTime={note.createdAt}>{moments[note.createdAt]}</time>
              {note.author ? ` · ${note.author}` : ""}:
            </span>{" "}
            {note.restricted ? <span className="role-badge">{t("case.restricted")}</span> : null} {note.body}
          </li>
        ))}
      </ul>
      <Folded summary={t("case.addNoteOpen")} open={Boolean(here("add-note"))}>
        <SavingForm className="narrow" once="add-note">
          <input type="hidden" name="intent" value="add-note" />
          <TextAreaField name="body" id="note-body" label={t("case.noteBody")} defaultValue={value("add-note", "body")} error={error("add-note", "body")} />
          <label className="check">
            <input type="checkbox" name="restricted" defaultChecked={value("add-note", "restricted") === "on"} /> {t("case.restrictedNote")}
          </label>
          <button type="submit">{t("case.addNote")}</button>
        </SavingForm>
      </Folded>
    </>
  );
}

// A form that saves, as people expect one to: a form that creates a record carries a one-time
// token, so that sending it twice saves once (http/sent-once.server.ts); with JavaScript, a
// successful save empties it, and a refused one puts the focus on the first field in error. The
// "Saved" notice is a live region that screen readers announce; without JavaScript it is on the
// page the save leads to.
import { Form, useActionData, useLocation, useNavigation, useRouteLoaderData, type FormProps } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useT } from "~/i18n/use-t";
import { ONCE_FIELD } from "~/http/once-field";

type RootData = { formKey?: string; saved?: string | null };

/** `once`: a name for a form that creates a record, unique on its page ("add-task", "message-<id>"). */
export function SavingForm({ once, children, onSubmit, ...props }: FormProps & { once?: string }) {
  const root = useRouteLoaderData<RootData>("root");
  const ref = useRef<HTMLFormElement>(null);
  const sending = useRef(false);
  const navigation = useNavigation();
  const answered = useActionData();
  useEffect(() => {
    if (navigation.state !== "idle" || !sending.current) return;
    sending.current = false;
    // Saved: a redirect (no data back) or an answer without errors. Refused: the fields say why.
    const errors = (answered as { errors?: object } | undefined)?.errors;
    if (!errors || Object.keys(errors).length === 0) ref.current?.reset();
    else (ref.current?.querySelector<HTMLElement>("[aria-invalid=true]") ?? document.querySelector<HTMLElement>(".form-error"))?.focus();
  }, [navigation.state, answered]);
  return (
    <Form
      method="post"
      ref={ref}
      onSubmit={(event) => {
        sending.current = true;
        onSubmit?.(event);
      }}
      {...props}
    >
      {once ? <input type="hidden" name={ONCE_FIELD} value={`${root?.formKey ?? ""}.${once}`} /> : null}
      {children}
    </Form>
  );
}

/** "Saved.", after a save, on the page it led to only; an empty live region otherwise. */
export function SavedNotice() {
  const t = useT();
  const saved = useRouteLoaderData<RootData>("root")?.saved ?? null;
  const { key } = useLocation();
  // The root's data outlives a move to another page: the notice belongs to the page it came with.
  const arrived = useRef({ saved, at: key });
  if (arrived.current.saved !== saved) arrived.current = { saved, at: key };
  const shown = saved !== null && arrived.current.at === key;
  return (
    <div role="status" className={shown ? "saved-notice" : "visually-hidden"}>
      {shown ? t("form.saved") : null}
    </div>
  );
}

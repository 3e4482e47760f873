// A labelled form field with its error message next to it, tied together for screen readers.
// A field in error takes the focus (autofocus: the first in the page wins, without JavaScript too).
import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  name: string;
  label: string;
  error?: string | undefined;
};

export function Field({ name, label, error, id = name, ...input }: FieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        autoFocus={error ? true : undefined}
        {...input}
      />
      <FieldError id={errorId} error={error} />
    </div>
  );
}

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  name: string;
  label: string;
  error?: string | undefined;
};

/** A labelled textarea with its error message, tied together as Field does for inputs. */
export function TextAreaField({ name, label, error, id = name, rows = 3, ...textarea }: TextAreaFieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} rows={rows} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} autoFocus={error ? true : undefined} {...textarea} />
      <FieldError id={errorId} error={error} />
    </div>
  );
}

/** The message under a field that was refused, which the field names in aria-describedby. */
export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  return error ? (
    <p className="field-error" id={id}>
      {error}
    </p>
  ) : null;
}

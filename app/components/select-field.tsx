// A labelled select with its error message next to it, like Field for inputs.
import { FieldError } from "./field";
type Option = { value: string; label: string };

type SelectFieldProps = {
  name: string;
  label: string;
  options: readonly Option[];
  id?: string;
  defaultValue?: string;
  error?: string | undefined;
  /** Adds a first, empty choice ("—"). */
  empty?: boolean;
  /** "off" where the browser must not remember the choice (the help form). */
  autoComplete?: string;
};

export function SelectField({ name, label, options, id = name, defaultValue = "", error, empty = false, autoComplete }: SelectFieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue} autoComplete={autoComplete} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} autoFocus={error ? true : undefined}>
        {empty ? <option value="">—</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} error={error} />
    </div>
  );
}

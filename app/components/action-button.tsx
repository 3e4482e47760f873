// A form of one button: it posts an intent and the ids it needs ("remove this contact",
// "mark as read"). Works without JavaScript like every form here.
import { Form } from "@remix-run/react";

export function ActionButton({ intent, fields = {}, label }: { intent: string; fields?: Record<string, string | number>; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit">{label}</button>
    </Form>
  );
}

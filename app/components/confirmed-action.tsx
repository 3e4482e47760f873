// An action that asks once more before it is done (withdrawing a consent or a request, resetting
// someone's second factor): the first button only opens the question and the real button. A
// <details> element, so it works without JavaScript, and a keyboard opens it like a button.
import type { ReactNode } from "react";

export function Confirmed({ label, question, children }: { label: string; question: string; children: ReactNode }) {
  return (
    <details className="confirm">
      <summary className="button">{label}</summary>
      <div className="confirm-body">
        <p>{question}</p>
        {children}
      </div>
    </details>
  );
}

// A row of labelled numbers for the overview pages; a number with a list behind it links to
// the list by its label (a link named "12" would say nothing to a screen reader).
import { Link } from "@remix-run/react";

export function Stats({ items }: { items: { label: string; value: number | string; href?: string }[] }) {
  return (
    <dl className="stats">
      {items.map((item) => (
        <div key={item.label} className="stat">
          <dt>{item.href ? <Link to={item.href}>{item.label}</Link> : item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

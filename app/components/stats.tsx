// A row of labelled numbers for the overview pages.
export function Stats({ items }: { items: { label: string; value: number | string }[] }) {
  return (
    <dl className="stats">
      {items.map((item) => (
        <div key={item.label} className="stat">
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

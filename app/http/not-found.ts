// The one answer for a record that is missing or outside the viewer's scope: they look alike.
export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

export function foundOr404<T>(record: T | null | undefined): T {
  if (record === null || record === undefined) throw notFound();
  return record;
}

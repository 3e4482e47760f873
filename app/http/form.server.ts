// The body of a form post, read defensively: anything that is not a form (JSON, plain text, no
// Content-Type, broken multipart) or is far larger than any of our forms is answered 400 or
// 413 (the error page in the person's language), never a 500.
const MAX_FORM_BYTES = 256 * 1024;

export function badRequest(): Response {
  return new Response("Bad Request", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * The form without NUL characters: no one types them, and PostgreSQL's text cannot hold them (a
 * value with one would fail there as a 500). Taken out on both databases, so both keep the same.
 */
export function withoutNul(form: FormData): FormData {
  const clean = new FormData();
  for (const [name, value] of form.entries()) clean.append(name.replaceAll("\0", ""), typeof value === "string" ? value.replaceAll("\0", "") : value);
  return clean;
}

export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) throw badRequest();
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_FORM_BYTES) {
    throw new Response("Payload Too Large", { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  try {
    return withoutNul(await request.formData());
  } catch {
    throw badRequest();
  }
}

// Any address no other route answers: a 404 thrown from a loader, so that the root loader runs
// and the error page is in the person's chosen language (an unmatched address runs no loader).
import { notFound } from "~/http/not-found";

export function loader(): never {
  throw notFound();
}

export default function NotFound() {
  return null;
}

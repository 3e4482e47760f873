// A referral as a FHIR R4 Bundle, for the partner it was sent to: the person only as far as the
// consent shares (app/standards/fhir.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireArea } from "~/auth/session.server";
import { fhirDownload, referralAsFhir } from "~/standards/fhir.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "partner");
  return fhirDownload(await referralAsFhir(viewer, params.referralId ?? ""));
}

// A referral as a FHIR R4 Bundle, for the staff who sent it (through the case: app/standards/fhir.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireArea } from "~/auth/session.server";
import { fhirDownload, referralAsFhir } from "~/standards/fhir.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireArea(request, "staff");
  return fhirDownload(await referralAsFhir(viewer, params.referralId ?? ""));
}

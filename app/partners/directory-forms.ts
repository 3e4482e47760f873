// The partner directory's forms (Open Referral HSDS 3 names). Messages are catalogue keys.
import { z } from "zod";
import { versionField } from "~/components/forms";

const text = (max: number) => z.string().trim().max(max, "form.tooLong");
export const SERVICE_STATUSES = ["active", "inactive", "defunct", "temporarily_closed"] as const;
const codes = (pattern: RegExp, message: string) =>
  text(200).transform((v) => v.split(/[\s,;]+/).filter(Boolean).map((c) => c.toLowerCase())).pipe(z.array(z.string().regex(pattern, message)));

export const organizationForm = z.object({
  intent: z.literal("add-organization"),
  name: text(200).pipe(z.string().min(1, "directory.nameRequired")),
  description: text(2000),
  // Stored links accept https only (SECURITY.md C).
  website: text(300).refine((v) => v === "" || isHttpsLink(v), "directory.websiteHttps"),
  email: text(254).refine((v) => v === "" || z.string().email().safeParse(v).success, "login.emailInvalid"),
});

export const serviceForm = z.object({
  intent: z.literal("add-service"),
  organizationId: z.string().min(1, "directory.organizationRequired").max(40),
  trackId: z.string().min(1, "case.trackRequired").max(40),
  name: text(200).pipe(z.string().min(1, "directory.nameRequired")),
  eligibility: text(2000),
  languages: codes(/^[a-z]{2}$/, "directory.languagesInvalid"),
  countries: codes(/^[a-z]{2}$/, "directory.countriesInvalid").pipe(z.array(z.string()).min(1, "directory.countriesInvalid")),
  capacity: z.coerce.number({ message: "directory.capacityInvalid" }).int("directory.capacityInvalid").min(0, "directory.capacityInvalid").max(100000, "directory.capacityInvalid"),
  responseDays: z.coerce.number({ message: "directory.daysInvalid" }).int("directory.daysInvalid").min(1, "directory.daysInvalid").max(60, "directory.daysInvalid"),
});

export const serviceStateForm = z.object({
  intent: z.literal("service-state"),
  serviceId: z.string().min(1).max(40),
  version: versionField,
  status: z.enum(SERVICE_STATUSES),
  capacity: z.coerce.number({ message: "directory.capacityInvalid" }).int("directory.capacityInvalid").min(0, "directory.capacityInvalid").max(100000, "directory.capacityInvalid"),
});

export const directoryAdminForm = z.discriminatedUnion("intent", [organizationForm, serviceForm, serviceStateForm]);

export const directorySearch = z.object({
  track: z.string().max(40).optional().catch(undefined),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  language: z.string().trim().toLowerCase().regex(/^[a-z]{2}$/).optional().catch(undefined),
});

/** A link we may show and people may follow: https, to a real host name (with a dot), no credentials. */
export function isHttpsLink(value: string): boolean {
  try {
    const url = new URL(value);
    return value.startsWith("https://") && url.protocol === "https:" && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname) && !url.username && !url.password;
  } catch {
    return false;
  }
}

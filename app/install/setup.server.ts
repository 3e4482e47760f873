// A real installation's first contents: the host organisation, the built-in support tracks and
// the first administrator, invited by a one-time link. No demo data. Run again, it adds nothing.
import { issueToken } from "~/accounts/tokens.server";
import { recordAudit } from "~/audit/audit.server";
import type { Db } from "~/db/client.server";
import { be } from "~/i18n/be";
import { en } from "~/i18n/en";
import { ru } from "~/i18n/ru";
import { TRACK_KEYS } from "~/requests/tracks";
import { DEMO_DATA } from "./installation.server";

export type SetupInput = { appOrigin: string; adminEmail: string; organizationName: string; locale: "be" | "ru" | "en" };
export type SetupResult = { done: string[]; adminLink: string | null };

export class SetupRefused extends Error {}

export async function prepareInstallation(client: Db, input: SetupInput): Promise<SetupResult> {
  return client.$transaction(async (tx) => {
    if (await tx.setting.findUnique({ where: { key: DEMO_DATA } })) {
      throw new SetupRefused("This database holds the demo data: set up a real installation on a new database (another DATABASE_URL, or delete this file first).");
    }
    const done: string[] = [];
    if (!(await tx.organization.findFirst({ where: { kind: "host" }, select: { id: true } }))) {
      await tx.organization.create({ data: { kind: "host", name: input.organizationName } });
      done.push(`created the host organisation "${input.organizationName}"`);
    }
    if ((await tx.supportTrack.count()) === 0) {
      await tx.supportTrack.createMany({
        data: TRACK_KEYS.map((key, position) => ({ key, position, nameBe: be[`track.${key}`], nameRu: ru[`track.${key}`], nameEn: en[`track.${key}`] })),
      });
      done.push(`added the ${TRACK_KEYS.length} built-in support tracks`);
    }
    let adminLink: string | null = null;
    if ((await tx.account.count({ where: { role: "admin" } })) === 0) {
      const host = await tx.organization.findFirstOrThrow({ where: { kind: "host" }, select: { id: true } });
      const admin = await tx.account.create({
        data: { email: input.adminEmail.toLowerCase(), role: "admin", status: "invited", displayName: "Administrator", organizationId: host.id, locale: input.locale },
      });
      const token = await issueToken(tx, admin.id, "invitation");
      await recordAudit(tx, { action: "account.invited", entityType: "account", entityId: admin.id });
      adminLink = `${input.appOrigin}/welcome/${token}`;
      done.push("invited the first administrator");
    }
    return { done, adminLink };
  });
}

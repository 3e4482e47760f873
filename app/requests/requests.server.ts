// Help requests as their sender sees them: status only, in plain words.
import { recordAudit } from "~/audit/audit.server";
import { helpRequestScope } from "~/auth/policy";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { foundOr404 } from "~/http/not-found";

export async function viewMyRequest(viewer: Viewer, requestId: string) {
  return db().$transaction(async (tx) => {
    const request = foundOr404(
      await tx.helpRequest.findFirst({
        where: { AND: [{ id: requestId }, helpRequestScope(viewer)] },
        select: { id: true, code: true, status: true, createdAt: true, message: true, personId: true },
      }),
    );
    await recordAudit(tx, { action: "help_request.view", actorId: viewer.accountId, sessionRef: viewer.sessionRef, entityType: "help_request", entityId: request.id, personId: request.personId });
    const { personId: _personId, ...visible } = request;
    return visible;
  });
}

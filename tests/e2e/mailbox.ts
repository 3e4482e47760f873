// What the end-to-end server's fake Resend received (tests/e2e/server.ts starts it).
import { expect } from "@playwright/test";
import type { ReceivedEmail } from "../fixtures/fake-resend";

export const FAKE_RESEND_PORT = 3101;

/** Waits for the outbox worker to send a message to `to`, and returns the link in it. */
export async function linkSentTo(to: string): Promise<string> {
  let link = "";
  await expect
    .poll(
      async () => {
        const emails = (await (await fetch(`http://127.0.0.1:${FAKE_RESEND_PORT}/emails`)).json()) as ReceivedEmail[];
        const email = emails.findLast((e) => e.to.includes(to));
        link = email?.text.match(/https?:\/\/\S+/)?.[0] ?? "";
        return link;
      },
      { timeout: 20_000 },
    )
    .not.toBe("");
  return link;
}

// Work that must not change how long an answer takes: whether an email address has an account
// would otherwise show in the time a reset, an invitation or a failed sign-in takes (the writes
// happen for known addresses only). The answer goes out first; this work runs after it, in the
// same process, logged by name if it fails. A shutdown waits for it (app/server/server.ts).
const pending = new Set<Promise<unknown>>();

export function afterResponse(name: string, work: () => Promise<unknown>): void {
  const running: Promise<unknown> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(work)
    .catch((error: unknown) => console.error(`${name}:`, error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1) : "failed"))
    .finally(() => pending.delete(running));
  pending.add(running);
}

/** Resolves once all such work, also what it started meanwhile, has finished. */
export async function workAfterResponses(): Promise<void> {
  while (pending.size > 0) await Promise.all(pending);
}

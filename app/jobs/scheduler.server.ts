// Scheduled work in the app process: each job every so often, never two runs of it at once,
// errors logged by the job's name (never with the data), and a stop that waits for a run in
// progress, so that a shutdown does not cut a job in half.
export type ScheduledJob = { stop(): Promise<void> };

export function every(name: string, intervalMs: number, run: () => Promise<unknown>): ScheduledJob {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = run()
      .then(() => undefined)
      .catch((error: unknown) => console.error(`${name}:`, error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1) : "failed"))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

// Scheduled jobs across app processes: one holds the lease, the other waits without an error;
// a lease that was not released keeps only the other processes out, and only until it runs out;
// stopping a job waits for the run in progress.
import { describe, expect, it, vi } from "vitest";
import { claimLease, withLease } from "~/jobs/lease.server";
import { every } from "~/jobs/scheduler.server";

const MINUTE = 60_000;

describe("a job lease", () => {
  it("goes to one of two processes that ask at the same moment; the other is told no, quietly", async () => {
    const errors = vi.spyOn(console, "error");
    const now = new Date();
    const until = new Date(now.getTime() + 2 * MINUTE);
    const answers = await Promise.all([claimLease("job", now, until, "process-a"), claimLease("job", now, until, "process-b")]);
    expect(answers.sort()).toEqual([false, true]);
    expect(errors).not.toHaveBeenCalled();
  });

  it("left unreleased, keeps only other processes out, and only until it runs out", async () => {
    const now = new Date();
    const work = vi.fn(async () => "done");
    const until = new Date(now.getTime() + 2 * MINUTE);
    expect(await claimLease("job", now, until, "process-a")).toBe(true); // and its release never came
    expect(await withLease("job", new Date(now.getTime() + MINUTE), 2 * MINUTE, work, "process-b")).toBeNull();
    expect(await claimLease("job", new Date(now.getTime() + MINUTE), until, "process-a")).toBe(true); // the same process goes on
    expect(await withLease("job", new Date(now.getTime() + 3 * MINUTE), 2 * MINUTE, work, "process-b")).toBe("done");
    expect(work).toHaveBeenCalledTimes(1);
  });
});

describe("a scheduled job", () => {
  it("never runs twice at once, and stopping waits for the run in progress", async () => {
    let finish!: () => void;
    let runs = 0;
    const job = every("test", 10, () => {
      runs++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    await vi.waitFor(() => expect(runs).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50)); // several intervals pass while it runs
    expect(runs).toBe(1);
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(runs).toBe(1);
  });
});

// The filters of the task lists (tasks.server.ts), apart from the server module: the page's
// choices show the same numbers in the browser.
import { z } from "zod";
import { afterParam, idParam } from "~/db/paging";

/** How late a task is, at least, for the "late by" filter (days). */
export const LATE_BY = [7, 30] as const;

export const taskFilter = z.object({
  // "overdue": due before today; "open": every open task, the soonest first.
  when: z.enum(["overdue", "open"]).catch("overdue"),
  // Whose: "me", "anyone" (a coordinator's default) or an account id.
  assignee: idParam,
  track: idParam,
  lateBy: z.coerce.number().pipe(z.union([z.literal(LATE_BY[0]), z.literal(LATE_BY[1])])).optional().catch(undefined),
  after: afterParam,
});
export type TaskFilter = z.infer<typeof taskFilter>;

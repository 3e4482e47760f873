// Forms of the case page, one per intent. Messages are catalogue keys.
import { z } from "zod";
import { calendarDay, versionField } from "~/components/forms";

const version = versionField;
const text = (max: number) => z.string().trim().max(max, "form.tooLong");
const required = (max: number, message: string) => text(max).pipe(z.string().min(1, message));
const isoDate = calendarDay;

/** "09:30": a time of day on the 24-hour clock. */
const clockTime = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "form.timeInvalid");

export const CASE_STATUSES = ["open", "active", "on_hold", "closed"] as const;
export const CLOSE_REASONS = ["goals_met", "out_of_reach", "no_contact", "declined_by_person", "other"] as const;
export const NEED_LEVELS = ["none", "low", "medium", "high"] as const;
export const GOAL_STATUSES = ["identified", "in_progress", "achieved", "not_achieved", "dropped"] as const;
export const ACTIVITY_KINDS = ["call", "meeting", "appointment", "other"] as const;

export const caseForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("status"),
    version,
    status: z.enum(CASE_STATUSES, { message: "case.statusRequired" }),
    reason: z.enum(CLOSE_REASONS).optional().or(z.literal("").transform(() => undefined)),
    note: text(2000),
    // On closing: cancel the case's open referrals and tasks too (a checkbox: "on" or absent).
    cancelOpen: z.literal("on").optional().catch(undefined),
  }),
  z.object({ intent: z.literal("assign"), version, accountId: required(40, "case.caseworkerRequired") }),
  z.object({ intent: z.literal("share"), accountId: required(40, "case.caseworkerRequired") }),
  z.object({ intent: z.literal("unshare"), assignmentId: required(40, "form.errorSummary") }),
  z.object({
    intent: z.literal("assess"),
    // The versions of the assessments the page showed, "trackId:version,…": a save is refused
    // when the chosen track's assessment changed (or appeared) since.
    seen: z.string().max(4000).regex(/^([\w-]+:\d+(,[\w-]+:\d+)*)?$/, "form.stale").default(""),
    trackId: required(40, "case.trackRequired"),
    level: z.enum(NEED_LEVELS, { message: "case.levelRequired" }),
    summary: text(2000),
  }),
  z.object({ intent: z.literal("add-goal"), trackId: required(40, "case.trackRequired"), title: required(300, "case.goalTitleRequired"), targetDate: isoDate.optional().or(z.literal("").transform(() => undefined)) }),
  z.object({ intent: z.literal("goal-status"), goalId: required(40, "form.errorSummary"), goalVersion: version, status: z.enum(GOAL_STATUSES) }),
  z.object({
    intent: z.literal("add-activity"),
    kind: z.enum(ACTIVITY_KINDS, { message: "case.activityKindRequired" }),
    occurredOn: isoDate,
    // The time of day, in the organisation's time zone; none: noon.
    occurredTime: clockTime.optional().or(z.literal("").transform(() => undefined)),
    place: text(200).optional(),
    note: text(4000),
    goalId: text(40),
    // A follow-up task from the same form: its title and day, or neither.
    followUpTitle: text(300).optional(),
    followUpDue: isoDate.optional().or(z.literal("").transform(() => undefined)),
  }),
  z.object({ intent: z.literal("add-note"), body: required(8000, "case.noteRequired"), restricted: z.literal("on").optional() }),
  z.object({ intent: z.literal("add-task"), title: required(300, "case.taskTitleRequired"), dueOn: isoDate, assigneeId: text(40) }),
  z.object({ intent: z.literal("task-status"), taskId: required(40, "form.errorSummary"), taskVersion: version, status: z.enum(["done", "cancelled", "open"]) }),
  // Another day, or another person working on the case, or both.
  z.object({ intent: z.literal("task-change"), taskId: required(40, "form.errorSummary"), taskVersion: version, dueOn: isoDate, assigneeId: required(40, "case.caseworkerRequired") }),
]);

export type CaseFormInput = z.infer<typeof caseForm>;
export type CaseIntent = CaseFormInput["intent"];

/** Which status a case may move to from where it is (PRODUCT.md: open → active ⇄ on hold → closed → reopened). */
export const CASE_TRANSITIONS: Record<(typeof CASE_STATUSES)[number], readonly (typeof CASE_STATUSES)[number][]> = {
  open: ["active", "on_hold", "closed"],
  active: ["on_hold", "closed"],
  on_hold: ["active", "closed"],
  closed: ["active"],
};

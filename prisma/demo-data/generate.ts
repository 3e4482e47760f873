// Builds the demo data set as plain rows with their ids, so that it can be written with a few
// bulk inserts whatever its size: 200 persons for the demo, 20,000 or more for benchmarks.
// Deterministic: the same seed and the same day give the same rows.
import { auditHash, type AuditAction } from "../../app/audit/audit.server";
import type { Prisma } from "../../app/db/generated/client";
import type {
  ActivityKind,
  AssistanceKind,
  CaseCloseReason,
  CaseStatus,
  ContactKind,
  GoalStatus,
  HelpRequestStatus,
  ReferralDeclineReason,
  ReferralNotCompletedReason,
  PayeeKind,
  ReferralStatus,
  Role,
} from "../../app/db/generated/enums";
import { en } from "../../app/i18n/en";
import { be } from "../../app/i18n/be";
import { ru } from "../../app/i18n/ru";
import { tokensOfKey } from "../../app/persons/name-tokens.server";
import { STALLED_AFTER_DAYS } from "../../app/referrals/reminders.server";
import { contactKey, searchKey } from "../../app/persons/search-key";
import { HOST_ORGANIZATION, PARTNERS, TRACK_KEYS, type TrackKey } from "./directory";
import { CITIES, DETENTION_PLACES, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, PSEUDONYMS, SURNAMES } from "./names";
import { seededRandom, type Random } from "./random";

export type DemoDataSet = {
  organizations: Prisma.OrganizationCreateManyInput[];
  locations: Prisma.LocationCreateManyInput[];
  tracks: Prisma.SupportTrackCreateManyInput[];
  services: Prisma.ServiceCreateManyInput[];
  serviceAreas: Prisma.ServiceAreaCreateManyInput[];
  serviceCapacities: Prisma.ServiceCapacityCreateManyInput[];
  accounts: Prisma.AccountCreateManyInput[];
  persons: Prisma.PersonCreateManyInput[];
  nameTokens: Prisma.NameTokenCreateManyInput[];
  contacts: Prisma.ContactChannelCreateManyInput[];
  restrictions: Prisma.RestrictionCreateManyInput[];
  consents: Prisma.ConsentCreateManyInput[];
  requests: Prisma.HelpRequestCreateManyInput[];
  requestTracks: Prisma.HelpRequestTrackCreateManyInput[];
  cases: Prisma.CaseCreateManyInput[];
  assignments: Prisma.CaseAssignmentCreateManyInput[];
  assessments: Prisma.NeedsAssessmentCreateManyInput[];
  goals: Prisma.GoalCreateManyInput[];
  activities: Prisma.ActivityCreateManyInput[];
  fundingSources: Prisma.FundingSourceCreateManyInput[];
  assistance: Prisma.AssistanceCreateManyInput[];
  assistanceEvents: Prisma.AssistanceEventCreateManyInput[];
  notes: Prisma.NoteCreateManyInput[];
  tasks: Prisma.TaskCreateManyInput[];
  taskEvents: Prisma.TaskEventCreateManyInput[];
  caseMessages: Prisma.CaseMessageCreateManyInput[];
  caseHistory: Prisma.CaseStatusChangeCreateManyInput[];
  referrals: Prisma.ReferralCreateManyInput[];
  referralHistory: Prisma.ReferralStatusChangeCreateManyInput[];
  referralMessages: Prisma.ReferralMessageCreateManyInput[];
  auditEvents: Prisma.AuditEventCreateManyInput[];
};

function emptySet(): DemoDataSet {
  return {
    organizations: [], locations: [], tracks: [], services: [], serviceAreas: [], serviceCapacities: [], accounts: [],
    persons: [], nameTokens: [], contacts: [], restrictions: [], consents: [], requests: [], requestTracks: [], cases: [], assignments: [],
    assessments: [], goals: [], activities: [], fundingSources: [], assistance: [], assistanceEvents: [], notes: [], tasks: [], taskEvents: [], caseMessages: [], caseHistory: [], referrals: [], referralHistory: [],
    referralMessages: [], auditEvents: [],
  };
}

export type DemoOptions = {
  persons: number;
  seed: number;
  /** The one password hash all demo accounts share (hashed once by the caller). */
  passwordHash: string;
  /** The one TOTP secret of all demo staff and partner accounts; clients have none. */
  totpSecret: string;
  /** Dates are laid out around this day, so that "overdue" means something today. */
  today: Date;
};

export const DEMO_ACCOUNTS = {
  admin: "admin@demo.local",
  coordinator: "coordinator@demo.local",
  caseworker: "caseworker@demo.local",
  partner: "partner@demo.local",
  client: "client@demo.local",
} as const;

const DAY = 24 * 60 * 60 * 1000;
const CASE_STATUSES: CaseStatus[] = ["open", "active", "active", "active", "on_hold", "closed"];
const CLOSE_REASONS: CaseCloseReason[] = ["goals_met", "out_of_reach", "no_contact", "declined_by_person", "other"];
const GOAL_STATUSES: GoalStatus[] = ["identified", "in_progress", "in_progress", "achieved", "not_achieved", "dropped"];
const ACTIVITY_KINDS: ActivityKind[] = ["call", "meeting", "appointment", "other"];
const SUPPORT: [AssistanceKind, PayeeKind][] = [["travel", "carrier"], ["lodging", "landlord"], ["medical", "clinic"], ["document_fees", "authority"], ["goods", "shop"], ["cash_grant", "person"]];
const CONTACT_KINDS: ContactKind[] = ["signal", "telegram", "email", "phone"];
const OPEN_REQUEST_STATUSES: HelpRequestStatus[] = ["new", "new", "in_triage", "declined", "duplicate", "withdrawn"];
const REFERRAL_STATUSES: ReferralStatus[] = [
  "draft",
  "sent",
  "accepted",
  "declined",
  "in_progress",
  "on_hold",
  "completed",
  "not_completed",
  "cancelled",
];
// The way each state is reached, for the status history.
const REFERRAL_PATHS: Record<ReferralStatus, ReferralStatus[]> = {
  draft: ["draft"],
  sent: ["draft", "sent"],
  accepted: ["draft", "sent", "accepted"],
  declined: ["draft", "sent", "declined"],
  in_progress: ["draft", "sent", "accepted", "in_progress"],
  on_hold: ["draft", "sent", "accepted", "in_progress", "on_hold"],
  completed: ["draft", "sent", "accepted", "in_progress", "completed"],
  not_completed: ["draft", "sent", "accepted", "in_progress", "not_completed"],
  cancelled: ["draft", "sent", "cancelled"],
};
const DECLINE_REASONS: ReferralDeclineReason[] = ["no_capacity", "not_eligible", "could_not_contact", "other"];
const NOT_COMPLETED_REASONS: ReferralNotCompletedReason[] = ["could_not_contact", "person_declined", "no_longer_needed", "other"];
export const DEFAULT_SHARED_FIELDS = "preferredName,contact,languages,request";

// Short texts in the three languages, as staff and people write them.
const TEXTS = {
  goal: {
    medical: ["Пройти медыцынскі агляд", "Пройти обследование у кардиолога", "Get dental treatment"],
    psychological: ["Рэгулярныя сустрэчы з псіхолагам", "Курс психотерапии", "Weekly counselling"],
    relocation: ["Бяспечны выезд", "Переезд в Литву", "Relocate safely with family"],
    housing: ["Знайсці часовае жыллё", "Найти квартиру", "Find long-term housing"],
    employment: ["Знайсці працу", "Курсы польского языка и работа", "Get a job in IT"],
    legal: ["Атрымаць від на жыхарства", "Восстановить паспорт", "Apply for international protection"],
    financial: ["Грант на першыя месяцы", "Помощь с оплатой лечения", "Emergency support"],
    resocialisation: ["Група падтрымкі", "Вернуться к учёбе", "Meet people in the new city"],
  } satisfies Record<TrackKey, string[]>,
  activity: ["Размова па тэлефоне", "Встреча в офисе", "Call about documents", "Аплачаны візіт да лекара", "Follow-up meeting"],
  note: ["Чалавек стаміўся, патрэбна паўза.", "Просит связываться только после 18:00.", "Family also needs support.", "Важна: не звонить на старый номер."],
  task: ["Патэлефанаваць і спытаць пра самаадчуванне", "Проверить статус документов", "Send the list of clinics", "Узгадніць дату сустрэчы"],
  message: ["Дзякуй, усё добра.", "Когда будет следующая встреча?", "I have sent the documents."],
  requestMessage: [
    "Мне патрэбна дапамога з лячэннем пасля вызвалення.",
    "Нужна помощь психолога и с поиском жилья.",
    "I was released last month and need help with documents.",
    "Шукаю працу і жыллё.",
    "Нужна консультация юриста.",
  ],
  referral: ["Калі ласка, прыміце на агляд.", "Просим принять на консультации.", "Please help with housing for two adults.", "Патрэбна працоўнае месца."],
  outcome: ["Лячэнне скончана.", "Курс консультаций завершён.", "Housing found for 12 months."],
  partnerMessage: ["Мы звязаліся з чалавекам.", "Первая встреча назначена.", "Could you confirm the contact channel?"],
};

/** The whole data set at once (the demo's 200 persons). */
export function generateDemoData(options: DemoOptions): DemoDataSet {
  const whole = emptySet();
  for (const batch of demoDataBatches(options)) {
    for (const table of Object.keys(whole) as (keyof DemoDataSet)[]) (whole[table] as unknown[]).push(...batch[table]);
  }
  return whole;
}

/**
 * The data set in batches of `batchPersons` persons with everything around them (the first
 * batch also holds the organisations, tracks and accounts), so that a large set is written a
 * batch at a time and never held in memory whole. Deterministic for a seed and a day.
 */
export function* demoDataBatches(options: DemoOptions, batchPersons = 1000): Generator<DemoDataSet> {
  const rng = seededRandom(options.seed);
  const today = startOfDay(options.today);
  const daysAgo = (days: number) => new Date(today.getTime() - days * DAY + rng.int(8, 18) * 60 * 60 * 1000);
  let set = emptySet();
  // The audit log's hash chain runs through all batches, in the order the rows are written.
  let prevHash = "0".repeat(64);
  const audit = (action: AuditAction, at: Date, actorId: string, entityType: string, entityId: string, personId: string) => {
    const row = { at, action, actorId, sessionRef: null, entityType, entityId, personId };
    const hash = auditHash(prevHash, row);
    set.auditEvents.push({ at, action, actorId, sessionId: null, entityType, entityId, personId, prevHash, hash });
    prevHash = hash;
  };
  let firstPerson: { id: string; preferredName: string } | null = null;
  let firstCaseId: string | null = null;

  // Tracks, named from the catalogues so that the three languages stay in one place.
  const trackIds = {} as Record<TrackKey, string>;
  TRACK_KEYS.forEach((key, position) => {
    const id = rng.id();
    trackIds[key] = id;
    set.tracks.push({ id, key, nameBe: be[`track.${key}`], nameRu: ru[`track.${key}`], nameEn: en[`track.${key}`], position });
  });

  // Organisations and their services.
  const hostId = rng.id();
  set.organizations.push({ id: hostId, kind: "host", ...HOST_ORGANIZATION });
  const servicesByTrack = new Map<TrackKey, { id: string; organizationId: string; responseDays: number }[]>();
  const partnerIds = PARTNERS.map((partner) => {
    const organizationId = rng.id();
    set.organizations.push({ id: organizationId, kind: "partner", name: partner.name, description: partner.description, website: partner.website });
    const firstArea = partner.services[0]?.areas[0];
    if (firstArea) {
      set.locations.push({ id: rng.id(), organizationId, name: partner.name, country: firstArea.country, city: firstArea.city ?? "" });
    }
    for (const service of partner.services) {
      const serviceId = rng.id();
      set.services.push({
        id: serviceId, organizationId, trackId: trackIds[service.track], name: service.name, languages: service.languages,
        status: service.status ?? "active", responseDays: service.responseDays ?? 5,
        eligibility: "Released political prisoners and their families.",
      });
      for (const area of service.areas) set.serviceAreas.push({ id: rng.id(), serviceId, country: area.country, city: area.city ?? "" });
      set.serviceCapacities.push({ id: rng.id(), serviceId, available: service.capacity, maximum: Math.max(service.capacity, 10) });
      if (service.status === undefined || service.status === "active") {
        const list = servicesByTrack.get(service.track) ?? [];
        list.push({ id: serviceId, organizationId, responseDays: service.responseDays ?? 5 });
        servicesByTrack.set(service.track, list);
      }
    }
    return organizationId;
  });

  // Staff and partner accounts.
  const account = (email: string, role: Role, displayName: string, organizationId: string | null, locale = "en") => {
    const id = rng.id();
    set.accounts.push({ id, email, role, displayName, organizationId, locale, status: "active", passwordHash: options.passwordHash, totpSecret: options.totpSecret });
    return id;
  };
  account(DEMO_ACCOUNTS.admin, "admin", "Admin (demo)", hostId);
  const coordinatorId = account(DEMO_ACCOUNTS.coordinator, "coordinator", "Каардынатар (demo)", hostId, "be");
  account("coordinator2@demo.local", "coordinator", "Координатор 2 (demo)", hostId, "ru");
  const caseworkerIds = [
    account(DEMO_ACCOUNTS.caseworker, "caseworker", "Caseworker (demo)", hostId),
    account("caseworker2@demo.local", "caseworker", "Куратар 2 (demo)", hostId, "be"),
    account("caseworker3@demo.local", "caseworker", "Куратор 3 (demo)", hostId, "ru"),
    account("caseworker4@demo.local", "caseworker", "Caseworker 4 (demo)", hostId),
  ];
  const partnerAccountIds = partnerIds.map((organizationId, index) =>
    account(index === 0 ? DEMO_ACCOUNTS.partner : `partner${index + 1}@demo.local`, "partner", `Partner ${index + 1} (demo)`, organizationId),
  );

  // Two funding sources: a donor's relocation grant in euros and the organisation's own złoty.
  const grantId = rng.id();
  const year = options.today.getUTCFullYear();
  set.fundingSources.push(
    { id: grantId, name: "Relocation grant (demo)", currency: "EUR", startsOn: new Date(Date.UTC(year, 0, 1)), endsOn: new Date(Date.UTC(year, 11, 31)), budgetMinor: 20_000_000, approvalThresholdMinor: 30_000 },
    { id: rng.id(), name: "Own funds (demo)", currency: "PLN", startsOn: new Date(Date.UTC(year, 0, 1)), endsOn: new Date(Date.UTC(year, 11, 31)), budgetMinor: 5_000_000, approvalThresholdMinor: 50_000 },
  );

  const codes = new Set<string>();
  const uniqueCode = (prefix: string) => {
    for (;;) {
      const code = `${prefix}-${rng.code(4)}-${rng.code(4)}`;
      if (!codes.has(code)) {
        codes.add(code);
        return code;
      }
    }
  };
  const newCaseCode = () => uniqueCode("AC");
  // Round-robin per organisation, so that every partner has referrals in every state.
  const referralTurn = new Map<string, number>();

  for (let index = 0; index < options.persons; index++) {
    if (index > 0 && index % batchPersons === 0) {
      yield set;
      set = emptySet();
    }
    const female = rng.chance(0.45);
    const first = rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    const surnameForms = rng.pick(SURNAMES);
    const last = female && surnameForms.female ? surnameForms.female : surnameForms;
    const script = rng.pick(["be", "ru"] as const);
    const fullName = `${first[script]} ${last[script]}`;
    const fullNameLatin = `${first.lat} ${last.lat}`;
    const preferredName = rng.chance(0.15) ? rng.pick(PSEUDONYMS) : first[script];
    const place = rng.pick(CITIES);
    const personId = rng.id();
    const createdAt = daysAgo(rng.int(5, 700));
    set.persons.push({
      id: personId, caseCode: newCaseCode(), preferredName, fullName, fullNameLatin,
      searchKey: searchKey(preferredName, fullName, fullNameLatin),
      birthDate: new Date(Date.UTC(rng.int(1955, 2003), rng.int(0, 11), rng.int(1, 28))),
      countryNow: place.country, cityNow: place.city,
      languages: rng.pick(["be,ru", "ru", "be,ru,en", "ru,en", "be,ru,pl"]),
      releaseDate: daysAgo(rng.int(10, 900)), detentionPlace: rng.pick(DETENTION_PLACES),
      riskFlags: rng.chance(0.1) ? "under_surveillance" : "",
      createdAt,
    });
    for (const token of tokensOfKey(set.persons[set.persons.length - 1]!.searchKey ?? "")) set.nameTokens.push({ token, personId });
    if (index === 0) firstPerson = { id: personId, preferredName };

    const contactKind = rng.pick(CONTACT_KINDS);
    const contactValue = contactValueFor(contactKind, rng, index);
    set.contacts.push({
      id: rng.id(), personId, kind: contactKind, value: contactValue, searchKey: contactKey(contactValue),
      safeTimes: rng.pick(["", "пасля 18:00", "только по выходным", "weekdays 10-16"]), preferred: true,
    });
    if (rng.chance(0.3)) {
      set.contacts.push({ id: rng.id(), personId, kind: "email", value: `person${index}@example.org`, searchKey: contactKey(`person${index}@example.org`) });
    }
    if (rng.chance(0.35)) {
      set.restrictions.push({
        id: rng.id(), personId, kind: rng.pick(["supervision", "travel_ban", "extremist_listing"] as const),
        until: rng.chance(0.6) ? new Date(today.getTime() + rng.int(30, 700) * DAY) : null,
      });
    }
    set.consents.push({ id: rng.id(), personId, purpose: "data_processing", textVersion: "2026-01", method: rng.pick(["online", "in_person", "phone"] as const), givenAt: createdAt, recordedById: caseworkerIds[0] });

    // Most persons have a case; the rest are requests still in triage or closed without one.
    const hasCase = index === 0 || rng.chance(0.85);
    const requestId = rng.id();
    const requestTrackKeys = pickSome(rng, TRACK_KEYS, rng.int(1, 3));
    const requestLanguage = script === "be" ? "be" : rng.pick(["ru", "en"]);
    const requestMessage = rng.pick(TEXTS.requestMessage);
    set.requests.push({
      id: requestId, code: uniqueCode("R"), source: rng.pick(["public_form", "staff_entered"] as const), language: requestLanguage,
      preferredName, contactKind, contactValue, country: place.country, urgency: rng.pick(["low", "normal", "normal", "urgent"] as const),
      message: requestMessage, searchKey: searchKey(preferredName),
      status: hasCase ? "accepted" : rng.pick(OPEN_REQUEST_STATUSES),
      personId, createdAt,
      ...(hasCase ? { triagedById: coordinatorId, triagedAt: new Date(createdAt.getTime() + DAY) } : {}),
    });
    for (const key of requestTrackKeys) set.requestTracks.push({ requestId, trackId: trackIds[key] });
    if (!hasCase) continue;

    const caseId = rng.id();
    const status: CaseStatus = index === 0 ? "active" : rng.pick(CASE_STATUSES);
    const openedAt = new Date(createdAt.getTime() + DAY);
    const closed = status === "closed";
    set.cases.push({
      id: caseId, personId, status, openedAt, openedById: coordinatorId, createdAt: openedAt,
      ...(closed ? { closeReason: rng.pick(CLOSE_REASONS), closedAt: daysAgo(rng.int(0, 4)) } : {}),
    });
    set.requests[set.requests.length - 1]!.caseId = caseId;
    set.caseHistory.push({ id: rng.id(), caseId, fromStatus: null, toStatus: "open", actorId: coordinatorId, at: openedAt });
    if (status !== "open") {
      set.caseHistory.push({ id: rng.id(), caseId, fromStatus: "open", toStatus: status, actorId: coordinatorId, at: new Date(openedAt.getTime() + DAY), ...(closed ? { reason: set.cases[set.cases.length - 1]!.closeReason ?? "other" } : {}) });
    }
    // Open cases are waiting for a caseworker; the first person is the demo caseworker's.
    const leadId = index === 0 ? caseworkerIds[0]! : status === "open" && rng.chance(0.6) ? null : rng.pick(caseworkerIds);
    if (!leadId && !closed) set.cases[set.cases.length - 1]!.unassignedSince = openedAt;
    if (index === 0) firstCaseId = caseId;
    audit("person.create", openedAt, coordinatorId, "person", personId, personId);
    audit("case.open", openedAt, coordinatorId, "case", caseId, personId);
    if (leadId) audit("case.view", new Date(openedAt.getTime() + DAY), leadId, "case", caseId, personId);
    if (leadId) set.assignments.push({ id: rng.id(), caseId, accountId: leadId, kind: "lead", assignedById: coordinatorId, assignedAt: openedAt });

    for (const key of requestTrackKeys) {
      const trackId = trackIds[key];
      set.assessments.push({ id: rng.id(), caseId, trackId, level: rng.pick(["low", "medium", "high"] as const), summary: "", assessedById: leadId, assessedAt: openedAt });
      const goalId = rng.id();
      set.goals.push({
        id: goalId, caseId, trackId, title: rng.pick(TEXTS.goal[key]), status: status === "open" ? "identified" : rng.pick(GOAL_STATUSES), createdAt: openedAt,
        createdById: leadId ?? coordinatorId,
      });

      const services = servicesByTrack.get(key);
      if (status !== "open" && services && rng.chance(0.5)) {
        const service = rng.pick(services);
        const turn = referralTurn.get(service.organizationId) ?? 0;
        referralTurn.set(service.organizationId, turn + 1);
        addReferral(set, rng, {
          caseId, goalId, personId, service, status: REFERRAL_STATUSES[turn % REFERRAL_STATUSES.length]!,
          senderId: leadId ?? coordinatorId, partnerAccountId: partnerAccountIds[partnerIds.indexOf(service.organizationId)]!,
          start: new Date(openedAt.getTime() + 2 * DAY),
          today,
        });
      }
    }

    const activityCount = status === "open" ? 0 : rng.int(1, 4);
    for (let a = 0; a < activityCount; a++) {
      const kind = rng.pick(ACTIVITY_KINDS);
      set.activities.push({
        id: rng.id(), caseId, kind, occurredAt: daysAgo(rng.int(0, 60)), note: rng.pick(TEXTS.activity), recordedById: leadId,
      });
    }
    // Practical support paid from the grant: within its threshold, so it stood approved when asked.
    if (status !== "open" && rng.chance(0.3)) {
      const [kind, payeeKind] = rng.pick(SUPPORT);
      const id = rng.id();
      const amountMinor = rng.int(20, 300) * 100;
      const requestedAt = daysAgo(rng.int(5, 60));
      const paidOn = new Date(requestedAt.getTime() + 2 * DAY);
      set.assistance.push({
        id, caseId, fundingSourceId: grantId, kind, amountMinor, currency: "EUR", sourceAmountMinor: amountMinor, payeeKind, status: "paid",
        requestedById: leadId, decidedAt: requestedAt, paidOn, paidMethod: "bank_transfer", receiptReference: `R-${rng.int(1000, 9999)}`, createdAt: requestedAt,
      });
      set.assistanceEvents.push(
        { id: rng.id(), assistanceId: id, toStatus: "requested", actorId: leadId, at: requestedAt },
        { id: rng.id(), assistanceId: id, toStatus: "approved", actorId: null, at: new Date(requestedAt.getTime() + 1) },
        { id: rng.id(), assistanceId: id, toStatus: "paid", actorId: coordinatorId, at: paidOn },
      );
    }
    if (rng.chance(0.5)) set.notes.push({ id: rng.id(), caseId, body: rng.pick(TEXTS.note), restricted: rng.chance(0.3), authorId: leadId });
    const taskCount = closed ? 1 : rng.int(1, 3);
    for (let k = 0; k < taskCount; k++) {
      const taskStatus = closed ? "done" : rng.pick(["open", "open", "done", "cancelled"] as const);
      const taskId = rng.id();
      const dueOn = new Date(today.getTime() + rng.int(-10, 20) * DAY);
      // Added after the case opened.
      const createdAt = new Date(Math.max(openedAt.getTime() + DAY, daysAgo(rng.int(11, 30)).getTime()));
      const completedAt = taskStatus === "done" ? daysAgo(rng.int(0, 10)) : null;
      set.tasks.push({
        id: taskId, caseId, title: rng.pick(TEXTS.task), status: taskStatus, assigneeId: leadId, createdById: leadId, dueOn, createdAt,
        ...(completedAt ? { completedAt } : {}),
      });
      // Its steps for the timeline, as the case page writes them.
      set.taskEvents.push({ id: rng.id(), taskId, caseId, kind: "created", dueOn, assigneeId: leadId, actorId: leadId, at: createdAt });
      if (taskStatus !== "open") set.taskEvents.push({ id: rng.id(), taskId, caseId, kind: taskStatus, actorId: leadId, at: completedAt ?? daysAgo(rng.int(0, 10)) });
    }
    if (index === 0 || rng.chance(0.2)) {
      set.caseMessages.push({ id: rng.id(), caseId, authorId: leadId, body: rng.pick(TEXTS.message), createdAt: daysAgo(rng.int(1, 9)) });
    }
  }

  // The demo client is the first person, who always has a case and a message from it.
  // The demo client is the first person, with a message to their caseworker.
  if (firstPerson && firstCaseId) {
    const id = rng.id();
    set.accounts.push({
      id, email: DEMO_ACCOUNTS.client, role: "client", displayName: firstPerson.preferredName, personId: firstPerson.id,
      locale: "be", status: "active", passwordHash: options.passwordHash,
    });
    set.caseMessages.push({ id: rng.id(), caseId: firstCaseId, authorId: id, body: rng.pick(TEXTS.message), createdAt: today });
  }
  yield set;
}

type ReferralPlan = {
  caseId: string;
  goalId: string;
  personId: string;
  service: { id: string; organizationId: string; responseDays: number };
  status: ReferralStatus;
  senderId: string;
  partnerAccountId: string;
  start: Date;
  today: Date;
};

function addReferral(set: DemoDataSet, rng: Random, plan: ReferralPlan): void {
  const id = rng.id();
  const path = REFERRAL_PATHS[plan.status];
  const sent = path.includes("sent");
  let consentId: string | null = null;
  if (sent) {
    consentId = rng.id();
    set.consents.push({
      id: consentId, personId: plan.personId, purpose: "referral_sharing", recipientOrganizationId: plan.service.organizationId,
      sharedFields: DEFAULT_SHARED_FIELDS, textVersion: "2026-01", method: rng.pick(["in_person", "phone", "online"] as const),
      recordedById: plan.senderId, givenAt: plan.start,
    });
  }
  const at = (step: number) => new Date(plan.start.getTime() + step * rng.int(1, 4) * DAY);
  const byPartner = (status: ReferralStatus) => status !== "draft" && status !== "sent" && status !== "cancelled";
  path.forEach((status, step) => {
    set.referralHistory.push({
      id: rng.id(), referralId: id, fromStatus: step === 0 ? null : path[step - 1]!, toStatus: status, at: at(step),
      actorId: byPartner(status) ? plan.partnerAccountId : plan.senderId,
      ...(status === "declined" ? { reason: rng.pick(DECLINE_REASONS) } : {}),
      ...(status === "not_completed" ? { reason: rng.pick(NOT_COMPLETED_REASONS) } : {}),
    });
  });
  const last = set.referralHistory[set.referralHistory.length - 1]!;
  // What the reminders (referrals/reminders.server.ts) would have flagged by today: sent and not
  // answered within the service's days, or accepted and without an update for 30 days.
  const waitingSince = plan.status === "sent" ? at(1) : plan.status === "accepted" || plan.status === "in_progress" ? new Date(last.at!) : null;
  const allowedDays = plan.status === "sent" ? plan.service.responseDays : STALLED_AFTER_DAYS;
  const flaggedAt = waitingSince && plan.today.getTime() - waitingSince.getTime() > allowedDays * DAY ? new Date(waitingSince.getTime() + allowedDays * DAY) : null;
  set.referrals.push({
    id, caseId: plan.caseId, goalId: plan.goalId, serviceId: plan.service.id, organizationId: plan.service.organizationId,
    status: plan.status, request: rng.pick(TEXTS.referral), sharedFields: DEFAULT_SHARED_FIELDS, consentId, createdById: plan.senderId,
    createdAt: plan.start, sentAt: sent ? at(1) : null, respondedAt: path.length > 2 ? at(2) : null, lastUpdateAt: last.at,
    declineReason: plan.status === "declined" ? (last.reason as ReferralDeclineReason) : null,
    notCompletedReason: plan.status === "not_completed" ? (last.reason as ReferralNotCompletedReason) : null,
    reasonNote: plan.status === "cancelled" ? "No longer needed" : null,
    outcome: plan.status === "completed" ? rng.pick(TEXTS.outcome) : null,
    flaggedAt,
    remindedAt: flaggedAt,
  });
  if (path.includes("accepted")) {
    set.referralMessages.push({ id: rng.id(), referralId: id, authorId: plan.partnerAccountId, body: rng.pick(TEXTS.partnerMessage), createdAt: at(2) });
  }
}

function contactValueFor(kind: ContactKind, rng: Random, index: number): string {
  switch (kind) {
    case "email":
      return `person${index}.${rng.code(3).toLowerCase()}@example.org`;
    case "phone":
      return `+370 6${rng.int(1000000, 9999999)}`;
    case "signal":
    case "telegram":
      return `@user${index}_${rng.code(4).toLowerCase()}`;
    default:
      return `contact-${index}`;
  }
}

function pickSome<T>(rng: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
  return chosen;
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

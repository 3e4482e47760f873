// The demo organisations: the host and five partners whose services cover every track.
import type { ServiceStatus } from "../../app/db/generated/enums";

export const TRACK_KEYS = [
  "medical",
  "psychological",
  "relocation",
  "housing",
  "employment",
  "legal",
  "financial",
  "resocialisation",
] as const;
export type TrackKey = (typeof TRACK_KEYS)[number];

export const HOST_ORGANIZATION = {
  name: "Цэнтр падтрымкі (demo)",
  description: "The host organisation of the demo data.",
};

type DemoService = {
  track: TrackKey;
  name: string;
  languages: string;
  areas: { country: string; city?: string }[];
  capacity: number;
  status?: ServiceStatus;
  responseDays?: number;
};

export type DemoPartner = { name: string; description: string; website: string; services: DemoService[] };

export const PARTNERS: DemoPartner[] = [
  {
    name: "Медыцынскі цэнтр «Надзея» (demo)",
    description: "Медычная і псіхалагічная рэабілітацыя.",
    website: "https://nadzeya.example.org",
    services: [
      { track: "medical", name: "Медычны агляд і лячэнне", languages: "be,ru,lt", areas: [{ country: "LT", city: "Vilnius" }], capacity: 12 },
      { track: "psychological", name: "Рэабілітацыйная праграма", languages: "be,ru", areas: [{ country: "LT" }], capacity: 3, responseDays: 7 },
    ],
  },
  {
    name: "Сеть психологов «Опора» (demo)",
    description: "Онлайн и очные консультации психологов.",
    website: "https://opora.example.org",
    services: [
      { track: "psychological", name: "Консультации психолога онлайн", languages: "ru,be,en", areas: [{ country: "PL" }, { country: "LT" }, { country: "GE" }], capacity: 20 },
      { track: "resocialisation", name: "Группы поддержки", languages: "ru,be", areas: [{ country: "PL", city: "Warszawa" }], capacity: 8 },
    ],
  },
  {
    name: "Relocation Programme Bridge (demo)",
    description: "Safe relocation and legal status.",
    website: "https://bridge.example.org",
    services: [
      { track: "relocation", name: "Safe relocation", languages: "en,ru", areas: [{ country: "BY" }, { country: "LT" }, { country: "PL" }], capacity: 4, responseDays: 3 },
      { track: "legal", name: "Documents and residence permits", languages: "en,ru,pl", areas: [{ country: "PL" }, { country: "LT" }], capacity: 10 },
      { track: "financial", name: "Emergency grant", languages: "en,ru,be", areas: [{ country: "PL" }, { country: "LT" }, { country: "GE" }], capacity: 0, status: "temporarily_closed" },
    ],
  },
  {
    name: "Фонд жылля «Дах» (demo)",
    description: "Часовае і сталае жыллё.",
    website: "https://dakh.example.org",
    services: [
      { track: "housing", name: "Часовае жыллё", languages: "be,ru,pl", areas: [{ country: "PL", city: "Białystok" }, { country: "PL", city: "Warszawa" }], capacity: 6 },
      { track: "financial", name: "Дапамога з арэндай", languages: "be,ru", areas: [{ country: "PL" }], capacity: 15 },
      { track: "housing", name: "Жыллё ў Вільні", languages: "be,ru,lt", areas: [{ country: "LT", city: "Vilnius" }], capacity: 0, status: "inactive" },
    ],
  },
  {
    name: "Employment Service Next Step (demo)",
    description: "Job search, training and re-socialisation.",
    website: "https://nextstep.example.org",
    services: [
      { track: "employment", name: "Job placement", languages: "en,ru,be,pl", areas: [{ country: "PL" }, { country: "LT" }, { country: "DE" }], capacity: 25 },
      { track: "resocialisation", name: "Mentoring", languages: "en,be", areas: [{ country: "DE", city: "Berlin" }], capacity: 10 },
      { track: "legal", name: "Labour law advice", languages: "en,pl", areas: [{ country: "PL" }], capacity: 30 },
    ],
  },
];

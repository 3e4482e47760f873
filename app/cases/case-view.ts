// The case page's data as its sections receive it (dates as strings, after the loader).
import type { SerializeFrom } from "@remix-run/node";
import type { viewCase } from "./cases.server";

export type CaseView = SerializeFrom<typeof viewCase>;
export type Colleague = { id: string; displayName: string };

// The support tracks every installation starts with; an administrator can add more.
export const TRACK_KEYS = ["medical", "psychological", "relocation", "housing", "employment", "legal", "financial", "resocialisation"] as const;
export type TrackKey = (typeof TRACK_KEYS)[number];

// What the referral figures are, as plain data for the pages that show them.
export type ReferralFigures = { key: string; sent: number; answered: number; medianHoursToAnswer: number | null; acceptanceRate: number | null; completionRate: number | null };

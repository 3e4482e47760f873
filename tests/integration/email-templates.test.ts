// Every email, in every language, says nothing about the person or what the organisation does.
import { describe, expect, it } from "vitest";
import { EMAIL_TEMPLATES, renderEmail } from "~/email/templates";
import { catalogues } from "~/i18n/all-catalogues";
import { LOCALES } from "~/i18n/catalogue";
import { generateDemoData } from "../../prisma/demo-data/generate";
import { TRACK_KEYS } from "../../prisma/demo-data/directory";

const demo = generateDemoData({ persons: 50, seed: 1450, passwordHash: "x", totpSecret: "JBSWY3DPEHPK3PXP", today: new Date("2026-11-25") });
// Words that would tell what this is about, in the three languages.
const REVEALING = [/prison|detain|releas|politic|extrem|repress|human.?rights|refugee|asylum|case|clinic|therap|psycholog/i,
  /заключ|освобожд|политич|экстрем|репресс|правозащит|тюрьм|колони|дело|психолог|лечени/i,
  /зняволен|вызвален|палітыч|экстрэм|рэпрэс|праваабарон|турм|калон|справ|псіхолаг|лячэнн/i];

describe("email templates", () => {
  const trackNames = LOCALES.flatMap((locale) => TRACK_KEYS.map((key) => catalogues[locale][`track.${key}`]));
  const names = demo.persons.flatMap((p) => [p.preferredName, p.fullName, p.fullNameLatin]).filter((n): n is string => Boolean(n));
  const caseCodes = demo.persons.map((p) => p.caseCode);

  for (const template of EMAIL_TEMPLATES) {
    for (const locale of LOCALES) {
      it(`${template} in ${locale} carries only the link and neutral words`, () => {
        const email = renderEmail(template, locale, "https://example.org/welcome/TOKEN");
        const all = `${email.subject}\n${email.text}\n${email.html}`;
        expect(email.text).toContain("https://example.org/welcome/TOKEN");
        expect(email.html).toContain('href="https://example.org/welcome/TOKEN"');
        for (const name of [...names, ...trackNames, ...caseCodes]) expect(all).not.toContain(name);
        for (const pattern of REVEALING) expect(all).not.toMatch(pattern);
        expect(all).not.toMatch(/aftercare/i);
      });
    }
  }
});

// Names and contacts folded into forms that meet across scripts and spellings, so that
// Аляксандр Каваленка, Александр Коваленко, Aliaksandr Kavalenka and Alexander Kovalenko find
// each other in one indexed column, on any database provider (ENGINEERING.md).
//
// Each word gets two keys:
// - folded: Latin letters with the Belarusian/Russian differences evened out (akanye o/a, the
//   many spellings of е/я/ё, г = h = g, дз = d, ц = t, ў = v, a leading h that Russian drops);
// - skeleton: the folded form's consonants only, which survives a wrong vowel.
// The stored search key is " folded … ~skeleton … " with spaces around every word, so that a
// query can ask for whole words (contains " word ") or beginnings (contains " wor").

// Belarusian and Russian letters, and Łacinka's, to plain Latin.
const LETTERS: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "h", ґ: "g", д: "d", е: "e", ё: "io", ж: "zh", з: "z", і: "i", и: "i", й: "i",
  к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ў: "v", ф: "f",
  х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "iu", я: "ia", "'": "", "’": "", ʼ: "",
  ŭ: "v", č: "ch", š: "sh", ž: "zh", ć: "ts", ł: "l", ś: "s", ź: "z", ń: "n",
};

export function toLatin(text: string): string {
  return text
    .toLowerCase()
    .replace(/./gu, (char) => LETTERS[char] ?? char)
    .normalize("NFD")
    .replace(/\p{M}/gu, "");
}

/** The words of a text, in plain Latin letters and digits. */
export function words(text: string): string[] {
  return toLatin(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

// First names whose Belarusian, Russian and Polish forms no spelling rule joins (keys and
// values in plain Latin, before folding).
const NAME_FORMS: Record<string, string> = {
  andrzej: "andrei",
  katarzyna: "katsiaryna",
  mikola: "mikalai",
  mikolai: "mikalai",
  nikolai: "mikalai",
  nikolaj: "mikalai",
  mikalaj: "mikalai",
  uladzimir: "vladimir",
};

/** One word with the spelling differences of Belarusian, Russian and their transliterations folded. */
export function foldWord(word: string): string {
  return (
    (NAME_FORMS[word] ?? word)
      // Łacinka and Polish: j is й; cz, sz, rz are ч, ш, ж; a c that is not ch is ц (ct is English: Victor).
      .replace(/j/g, "i")
      .replace(/cz/g, "ch")
      .replace(/sz/g, "sh")
      .replace(/rz/g, "zh")
      .replace(/ct/g, "kt")
      .replace(/ck/g, "tsk")
      .replace(/c(?!h)/g, "ts")
      .replace(/x/g, "ks")
      .replace(/w/g, "v")
      .replace(/q/g, "k")
      .replace(/ph/g, "f")
      .replace(/shch|sch/g, "s")
      .replace(/dzh|dj/g, "j")
      .replace(/dz/g, "d")
      .replace(/tz|ts|tc/g, "t")
      .replace(/kh|ch/g, "h")
      .replace(/zh/g, "z")
      .replace(/sh/g, "s")
      .replace(/g/g, "h")
      // ў after a vowel (passports write it "u": Miadzviedzieu = Мядзведзеў = Медведев).
      .replace(/([aeo])u(?=$|[^aeiouy])/g, "$1v")
      // The iotated vowels and their spellings: ia, ya, ja, ie, ye, je, io, yo, e -> e.
      .replace(/[iyj]?[ae](?=.)|[iyj]o/g, (m, offset: number) => (offset === 0 && m === "a" ? "a" : m.length > 1 || m === "e" ? "e" : m))
      .replace(/o/g, "a")
      .replace(/y/g, "i")
      // Western passports add a vowel before a final r: Alexander = Aliaksandr, Peter = Petr.
      .replace(/([^aeiou])er$/, "$1r")
      .replace(/^h(?=[aeiou])/, "")
      .replace(/(.)\1+/g, "$1")
  );
}

export function skeleton(folded: string): string {
  return folded.replace(/[aeiou]/g, "");
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

export type WordMatch = "same" | "similar" | null;

/**
 * Whether two folded words are one name: the same, or alike enough to be a spelling or a typo
 * of it. Tuned on tests/fixtures/name-pairs.ts (precision and recall in tests/unit/name-pairs.test.ts).
 */
export function compareWords(a: string, b: string): WordMatch {
  if (a === b) return "same";
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  // A longer word that only adds to the end is another name or the other gender's form
  // (Яўген / Яўгенія, Хершэ / Хершэль, Сева / Север), not a typo.
  if (longer.length > shorter.length && longer.startsWith(shorter.slice(0, -1))) return null;
  // One wrong letter only in long words: in short ones (Марыя / Марына) it is another name.
  if (shorter.length >= 6 && levenshtein(a, b) <= 1) return "similar";
  // The same consonants (a vowel spelt otherwise) in words of about the same length.
  if (shorter.length >= 5 && longer.length - shorter.length <= 1 && skeleton(a) === skeleton(b)) return "similar";
  return null;
}

/** The stored search key of a person's or a request's names and contacts. */
export function searchKey(...parts: (string | null | undefined)[]): string {
  const tokens = new Set<string>();
  for (const part of parts) {
    if (!part) continue;
    for (const word of words(part)) {
      const folded = foldWord(word);
      tokens.add(folded);
      const bones = skeleton(folded);
      if (bones.length >= 2 && bones !== folded) tokens.add(`~${bones}`);
    }
  }
  return tokens.size ? ` ${[...tokens].join(" ")} ` : "";
}

/** The key of a contact value: lower case, digits of a phone number, no spaces. */
export function contactKey(value: string): string {
  const trimmed = value.trim().toLowerCase();
  return /^[+\d\s().-]{6,}$/.test(trimmed) ? trimmed.replace(/\D/g, "") : trimmed.replace(/\s+/g, "");
}

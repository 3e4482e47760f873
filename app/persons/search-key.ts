// One lower-case Latin form of a name or contact, so that Cyrillic and Latin spellings of the
// same name meet in one indexed column on any database provider (ENGINEERING.md). This is a
// first, simple fold; the duplicate matcher of the caseworker workspace refines it.

// Belarusian and Russian letters to a plain Latin close to the passport spellings.
const CYRILLIC: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "h", ґ: "g", д: "d", е: "e", ё: "io", ж: "zh", з: "z", і: "i", и: "i", й: "i",
  к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ў: "u", ф: "f",
  х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "iu", я: "ia", "'": "", "’": "",
};

export function searchKey(...parts: (string | null | undefined)[]): string {
  const words = parts
    .filter((part): part is string => Boolean(part))
    .join(" ")
    .toLowerCase()
    .replace(/./gu, (char) => CYRILLIC[char] ?? char)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ł/g, "l")
    .split(/[^\p{L}\p{N}@.+]+/u)
    .filter(Boolean);
  return [...new Set(words)].join(" ");
}

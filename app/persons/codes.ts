// Codes people read aloud and type: no 0/O, 1/I/L. Eight characters (31^8) make a collision
// unlikely enough that the unique index is a last guard, not a routine.
import { randomInt } from "node:crypto";

const UPPER = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const LOWER = UPPER.toLowerCase();
const part = (alphabet: string) => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join("");

export const newRequestCode = () => `R-${part(UPPER)}-${part(UPPER)}`;
export const newCaseCode = () => `AC-${part(UPPER)}-${part(UPPER)}`;
/** The receipt's secret word: about 60 bits, stored only as an argon2id hash. */
export const newSecretWord = () => `${part(LOWER)}-${part(LOWER)}-${part(LOWER)}`;

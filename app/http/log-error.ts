// One log line for an error that reached the server's edge, without personal data (SECURITY.md
// C). Prisma's messages hold the query's arguments, names among them, between their first line
// (which call failed) and their last (what went wrong): only those two are kept, and for a
// validation error, whose last line may quote a value, only the first.
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `error: ${(error as object | null)?.constructor?.name ?? typeof error}`;
  const lines = error.message.split("\n").map((line) => line.trim()).filter(Boolean);
  const [first = "", last = ""] = [lines[0], lines.at(-1)];
  const code = (error as { code?: unknown }).code;
  let line: string;
  if (error.name === "PrismaClientValidationError") line = `database error (invalid query): ${first}`;
  else if (error.name.startsWith("PrismaClient")) line = `database error ${typeof code === "string" ? code : error.name}: ${first} ${last}`;
  else if (error.name === "DriverAdapterError" || error.name === "SqliteError") line = `database error: ${last}`;
  else line = `${error.name}: ${first}`;
  return line.slice(0, 300);
}

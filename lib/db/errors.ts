/** Whether a database error is a UNIQUE constraint violation (optionally on one index or column list). */
export function isUniqueViolation(error: unknown, hint?: string): boolean {
  let current: unknown = error;
  // drizzle wraps the driver's error; the driver's error may wrap SQLite's.
  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      const message = current.message;
      if ((code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || /UNIQUE constraint failed/.test(message)) && (!hint || message.includes(hint))) {
        return true;
      }
      current = (current as { cause?: unknown }).cause;
    } else {
      return false;
    }
  }
  return false;
}

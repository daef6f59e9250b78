/**
 * `text` as the literal part of a LIKE / ILIKE pattern: `%`, `_` and the escape character `\` (PostgreSQL's default
 * ESCAPE) stand for themselves, so what a user types is searched as written.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

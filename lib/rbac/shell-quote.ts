/** Characters a POSIX shell passes through unquoted and unexpanded. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes one word for a POSIX shell: safe words stay as they are, anything else goes in
 * single quotes (a single quote inside becomes '\'').
 */
export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

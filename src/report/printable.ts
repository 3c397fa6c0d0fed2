/**
 * Characters that a text report must never print as they are, because a terminal, a CI log or a
 * browser would act on them. They are the C0 controls, DEL, the C1 controls, the Unicode line and
 * paragraph separators, and the bidirectional formatting characters (LRM, RLM, ALM, embeddings,
 * overrides and isolates). A file named `x\nGate passed.js` in a pull request could otherwise print a fake
 * log line, and a right-to-left override could make a path read backwards.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeCharacter(character: string): string {
  const named = NAMED_ESCAPES[character];
  if (named !== undefined) return named;
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Replaces every control, separator and bidirectional formatting character with its JavaScript
 * escape (`\n`, `\x1B`, `\u202E`), so that text taken from the scanned project prints on one line
 * and reads in its stored order. Backslashes are left as they are.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(UNPRINTABLE, escapeCharacter);
}

/**
 * Returns a deep copy of a plain data value (such as a ScanResult) with every string passed
 * through `escapeControlCharacters`. Object keys are kept, because they come from the model and
 * not from the project.
 */
export function withPrintableText<T>(value: T): T {
  if (typeof value === 'string') return escapeControlCharacters(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withPrintableText(item)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = withPrintableText(item);
  return copy as T;
}

/**
 * Ends text taken from another tool (a parser message, an exception) with exactly one period, so
 * that `Property assignment expected.` is not printed with a second one. Text that already ends
 * with `?` or `!` is kept as it is.
 */
export function asSentence(text: string): string {
  const trimmed = text.trim().replace(/[\s.]+$/u, '');
  if (trimmed === '' || /[?!]$/u.test(trimmed)) return trimmed;
  return `${trimmed}.`;
}

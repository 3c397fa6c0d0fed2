/** A language the CLI and its reports are written in. Rule messages stay English in every locale. */
export type Locale = 'en' | 'es';

export const LOCALES: readonly Locale[] = ['en', 'es'];

/**
 * The BCP 47 tag each locale formats numbers with. Passing it explicitly keeps the output the same
 * on every machine, whatever the host's default locale is.
 */
export const NUMBER_LOCALE_TAG: Readonly<Record<Locale, string>> = {
  en: 'en-US',
  es: 'es-ES',
};

export function parseLocale(value: string): Locale | undefined {
  return (LOCALES as readonly string[]).includes(value) ? (value as Locale) : undefined;
}

/**
 * Picks the locale from the environment as POSIX does for messages: the first non-empty of
 * LC_ALL, LC_MESSAGES and LANG decides. A value starting with `es` (`es`, `es_ES.UTF-8`, `es-MX`)
 * selects Spanish; anything else, `C` and `POSIX` included, selects English.
 */
export function localeFromEnvironment(env: Readonly<Record<string, string | undefined>>): Locale {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((candidate) => candidate !== undefined && candidate !== '');
  return value !== undefined && /^es(?:[_.@-]|$)/i.test(value) ? 'es' : 'en';
}

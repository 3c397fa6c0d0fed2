import { englishMessages } from './en.js';
import { spanishMessages } from './es.js';
import { NUMBER_LOCALE_TAG, type Locale } from './locale.js';
import type { Messages, NumberFormats } from './messages.js';

export { LOCALES, localeFromEnvironment, parseLocale, type Locale } from './locale.js';
export { COVERAGE_SKIP_REASONS } from './messages.js';
export type { CoverageSkipReason, DeploymentFactName, DiagnosticText, Messages, NumberFormats, SeverityCounts } from './messages.js';

/** One locale's strings together with the number formats they use. */
export interface Catalog {
  locale: Locale;
  format: NumberFormats;
  messages: Messages;
}

/**
 * Builds number formats for a locale. Scores arrive already truncated to one decimal (see
 * `src/score.ts`), so showing at most one decimal never rounds a failing 79.9 up to 80.
 */
export function numberFormatsFor(locale: Locale): NumberFormats {
  const tag = NUMBER_LOCALE_TAG[locale];
  const numberFormat = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const percentFormat = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  return {
    number: (value) => numberFormat.format(value),
    percent: (score) => percentFormat.format(score / 100),
  };
}

const catalogs = new Map<Locale, Catalog>();

export function catalogFor(locale: Locale): Catalog {
  let catalog = catalogs.get(locale);
  if (!catalog) {
    const format = numberFormatsFor(locale);
    catalog = { locale, format, messages: locale === 'es' ? spanishMessages(format) : englishMessages(format) };
    catalogs.set(locale, catalog);
  }
  return catalog;
}

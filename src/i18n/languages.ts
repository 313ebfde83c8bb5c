/**
 * The languages the app speaks, one catalog each (catalogs/<language>.json). English is the
 * source and the fallback: a key missing in another language (which the catalog test forbids)
 * would show in English, never as a key.
 */
export const LANGUAGES = ['en', 'es', 'de', 'fr', 'he'] as const;

export type Language = (typeof LANGUAGES)[number];

export const SOURCE_LANGUAGE: Language = 'en';

/** Each language by its own name, for a language switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  es: 'Español',
  de: 'Deutsch',
  fr: 'Français',
  he: 'עברית',
};

const RIGHT_TO_LEFT: ReadonlySet<string> = new Set(['he', 'ar', 'fa', 'ur', 'yi']);

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The app's language for a BCP 47 tag or an ISO 639-1 code ("de-AT", "de", "he_IL.UTF-8", "iw"),
 * English when the app does not speak it.
 */
export function languageOf(tag: string | undefined | null): Language {
  const primary =
    (tag ?? '')
      .trim()
      .toLowerCase()
      .split(/[-_.@]/)[0] ?? '';
  const code = primary === 'iw' ? 'he' : primary;
  return isLanguage(code) ? code : SOURCE_LANGUAGE;
}

/**
 * The locale Intl formats with: the host's locale when it is of the same language (de-AT keeps
 * Austrian dates), else the language alone.
 */
export function localeFor(language: Language, hostLocale: string | undefined | null): string {
  const tag = (hostLocale ?? '').replace('_', '-').split('.')[0] ?? '';
  if (tag && languageOf(tag) === language) {
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? language;
    } catch {
      return language;
    }
  }
  return language;
}

export function directionOf(language: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
}

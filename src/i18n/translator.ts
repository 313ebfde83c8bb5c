import i18next, { type TFunction } from 'i18next';
import de from './catalogs/de.json';
import en from './catalogs/en.json';
import es from './catalogs/es.json';
import fr from './catalogs/fr.json';
import he from './catalogs/he.json';
import { type Language, SOURCE_LANGUAGE } from './languages';

/** Every catalog, one per language, keys grouped by surface (page, queue, widget, inbox, refusal, failure, cli...). */
export const CATALOGS: Record<Language, Record<string, unknown>> = { en, es, de, fr, he };

export type Translate = TFunction;

const translators = new Map<Language, TFunction>();

const numberFormats = new Map<Language, Intl.NumberFormat>();
function numberFormat(language: Language): Intl.NumberFormat {
  const known = numberFormats.get(language);
  if (known) return known;
  const format = new Intl.NumberFormat(language);
  numberFormats.set(language, format);
  return format;
}

/**
 * The translation function of a language: i18next (the library @wix/essentials' own
 * `getTranslationFunction` returns a TFunction of) over the app's catalogs, plurals by the
 * language's rules (`key_one`, `key_two`, `key_many`, `key_other`), English as the fallback.
 */
export function translatorFor(language: Language): TFunction {
  const known = translators.get(language);
  if (known) return known;
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: SOURCE_LANGUAGE,
    resources: { [language]: { translation: CATALOGS[language] }, [SOURCE_LANGUAGE]: { translation: CATALOGS[SOURCE_LANGUAGE] } },
    interpolation: {
      // React and the terminal take text, not HTML: nothing to escape.
      escapeValue: false,
      // Every number a sentence carries is written the language's way ("10.000 Dateien hochladen").
      alwaysFormat: true,
      format: (value: unknown) => (typeof value === 'number' ? numberFormat(language).format(value) : String(value ?? '')),
    },
    initAsync: false,
    returnNull: false,
    // i18next 25 writes a notice to the console on init: the command line's stdout (--json) is for scripts.
    showSupportNotice: false,
  });
  const t = instance.t.bind(instance) as TFunction;
  translators.set(language, t);
  return t;
}

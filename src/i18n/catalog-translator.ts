import i18next, { type TFunction } from 'i18next';
import { type Language, SOURCE_LANGUAGE } from './languages';

export type Translate = TFunction;

/** A language's catalog: its keys grouped by surface (page, queue, widget, inbox, refusal, failure, cli...). */
export type Catalog = Record<string, unknown>;

/** One catalog per language: all of them (`translator.ts`), or only the groups a surface shows (`widget-i18n.ts`). */
export type Catalogs = Record<Language, Catalog>;

const numberFormats = new Map<Language, Intl.NumberFormat>();
function numberFormat(language: Language): Intl.NumberFormat {
  const known = numberFormats.get(language);
  if (known) return known;
  const format = new Intl.NumberFormat(language);
  numberFormats.set(language, format);
  return format;
}

/**
 * The translation function of each language over `catalogs`: i18next (the library @wix/essentials'
 * own `getTranslationFunction` returns a TFunction of), plurals by the language's rules (`key_one`,
 * `key_two`, `key_many`, `key_other`), English as the fallback. Made once per language.
 */
export function translatorsOf(catalogs: Catalogs): (language: Language) => Translate {
  const translators = new Map<Language, Translate>();
  return (language) => {
    const known = translators.get(language);
    if (known) return known;
    const instance = i18next.createInstance();
    void instance.init({
      lng: language,
      fallbackLng: SOURCE_LANGUAGE,
      resources: { [language]: { translation: catalogs[language] }, [SOURCE_LANGUAGE]: { translation: catalogs[SOURCE_LANGUAGE] } },
      interpolation: {
        // React and the terminal take text, not HTML: nothing to escape.
        escapeValue: false,
        // Every number a sentence carries is written the language's way ("10.000 Dateien hochladen").
        alwaysFormat: true,
        format: (value: unknown) => (typeof value === 'number' ? numberFormat(language).format(value) : String(value ?? '')),
      },
      // Keys are paths ("queue.columnFile") with no namespace in them. Said, rather than left to
      // i18next, which otherwise tests each key against a regular expression at each call (8 ms of
      // a 36 ms draw of the queue's rows, profiled) to guess whether it is a sentence.
      keySeparator: '.',
      nsSeparator: false,
      initAsync: false,
      returnNull: false,
      // i18next 25 writes a notice to the console on init: the command line's stdout (--json) is for scripts.
      showSupportNotice: false,
    });
    const t = instance.t.bind(instance) as Translate;
    translators.set(language, t);
    return t;
  };
}

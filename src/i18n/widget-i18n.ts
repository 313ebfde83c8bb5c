import { type Catalogs, translatorsOf } from './catalog-translator';
import * as de from './catalogs/de.json?widget.json';
import * as en from './catalogs/en.json?widget.json';
import * as es from './catalogs/es.json?widget.json';
import * as fr from './catalogs/fr.json?widget.json';
import * as he from './catalogs/he.json?widget.json';
import { surfaceI18n } from './speech';

/**
 * The site widget's words: only the catalog groups it shows (its own, and the refusals, failures
 * and broken rules `describe.ts` words for it), in every language. The widget is every site
 * visitor's download; the catalogs' other groups (the dashboard's, the command line's) are about
 * 70 % of their weight (the widget's script and modules: 137.9 KB gzipped with the whole
 * catalogs, 103.2 KB with these groups).
 *
 * The catalogs stay the one source of the words. Vite turns each top-level group of a JSON file
 * into a named export, and Rollup keeps only the exports a chunk reads; but one module is one
 * copy in one chunk, and the dashboard's pages read every group of these files (`translator.ts`).
 * The query makes these imports modules of their own, so the widget's chunks carry only the
 * groups picked here. It ends in `.json` because the JSON plugins of both Vites this project
 * builds with (the Wix CLI's 6 and the local hosts' and tests' 8) take a module for JSON by its
 * id's ending (Vite 8's by `.json` at the very end, query included).
 * `test/i18n/widget-catalogs.test.ts` fails when code the widget loads asks for a key these
 * groups lack, or loads the whole catalogs.
 */
export const WIDGET_CATALOGS: Catalogs = {
  en: {
    common: en.common,
    field: en.field,
    violation: en.violation,
    refusal: en.refusal,
    broken: en.broken,
    failure: en.failure,
    widget: en.widget,
  },
  es: {
    common: es.common,
    field: es.field,
    violation: es.violation,
    refusal: es.refusal,
    broken: es.broken,
    failure: es.failure,
    widget: es.widget,
  },
  de: {
    common: de.common,
    field: de.field,
    violation: de.violation,
    refusal: de.refusal,
    broken: de.broken,
    failure: de.failure,
    widget: de.widget,
  },
  fr: {
    common: fr.common,
    field: fr.field,
    violation: fr.violation,
    refusal: fr.refusal,
    broken: fr.broken,
    failure: fr.failure,
    widget: fr.widget,
  },
  he: {
    common: he.common,
    field: he.field,
    violation: he.violation,
    refusal: he.refusal,
    broken: he.broken,
    failure: he.failure,
    widget: he.widget,
  },
};

/** The widget's speech (`useI18n`, `LanguageProvider`), over its own catalog groups. */
export const { speechOf, useI18n, LanguageProvider } = surfaceI18n(translatorsOf(WIDGET_CATALOGS));

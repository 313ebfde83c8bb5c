import de from './catalogs/de.json';
import en from './catalogs/en.json';
import es from './catalogs/es.json';
import fr from './catalogs/fr.json';
import he from './catalogs/he.json';
import { type Catalogs, translatorsOf } from './catalog-translator';

export type { Translate } from './catalog-translator';

/**
 * Every catalog, one per language, every group: the dashboard's pages, the editor's panel and the
 * command line. The site widget loads only its own groups (`widget-i18n.ts`).
 */
export const CATALOGS: Catalogs = { en, es, de, fr, he };

/** The translation function of a language, over every catalog group. */
export const translatorFor = translatorsOf(CATALOGS);

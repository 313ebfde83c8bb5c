import { surfaceI18n } from './speech';
import { translatorFor } from './translator';

export type { Speech } from './speech';

/**
 * The speech of the dashboard's pages and the editor's panel, over every catalog group. The site
 * widget has its own (`widget-i18n.ts`), over only the groups it shows.
 */
export const { speechOf, useI18n, LanguageProvider } = surfaceI18n(translatorFor);

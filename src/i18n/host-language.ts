import { i18n } from '@wix/essentials';
import { type Language, languageOf, localeFor } from './languages';

export interface ActiveLanguage {
  language: Language;
  /** BCP 47, what Intl formats with. */
  locale: string;
}

/**
 * The language of the extension that asks, the Wix way: @wix/essentials' `i18n.getLanguage()` and
 * `i18n.getLocale()` ("Implement Localization in your App Extensions", dev.wix.com: a dashboard
 * extension is told the Wix user's account language, a site extension the site's current
 * language, so a multilingual site shows the visitor's). On Wix the host answers; locally the
 * dashboard host and the site host answer the same calls (their host's `essentials`, chosen with
 * `?lang=` or the host bar's switcher). Where no host answers (a unit test), English.
 */
export function hostLanguage(): ActiveLanguage {
  let language: string | undefined;
  let locale: string | undefined;
  try {
    language = i18n.getLanguage();
    locale = i18n.getLocale();
  } catch {
    // No host, or a host without language settings: the source language.
  }
  const chosen = languageOf(language ?? locale);
  return { language: chosen, locale: localeFor(chosen, locale) };
}

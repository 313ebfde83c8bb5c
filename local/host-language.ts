import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language, SOURCE_LANGUAGE, directionOf } from '../src/i18n/languages';

/** What Wix's host gives @wix/essentials' `i18n` (`host.essentials`): the extension's language and locale. */
export interface HostEssentials {
  language: Language;
  locale: string;
}

/** A locale for each language, as a Wix user's settings would give it. */
const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-ES', de: 'de-DE', fr: 'fr-FR', he: 'he-IL' };

/**
 * The language the local dashboard or site shows: `?lang=de` in the address (what the host bar's
 * switcher sets), else English. On Wix it is the owner's dashboard language, or the site's
 * current language for the widget.
 */
export function chosenHostLanguage(search = window.location.search): HostEssentials {
  const asked = new URLSearchParams(search).get('lang');
  const language = isLanguage(asked) ? asked : SOURCE_LANGUAGE;
  return { language, locale: LOCALES[language] };
}

/** The document speaks the language, and Hebrew is laid out right to left, as Wix does for its own pages. */
export function applyDocumentLanguage({ language }: HostEssentials): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

/** The same address in another language. */
export function withLanguage(href: string, language: Language): string {
  const url = new URL(href, window.location.href);
  if (language === SOURCE_LANGUAGE) url.searchParams.delete('lang');
  else url.searchParams.set('lang', language);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A language switcher for the host's bar: choosing one opens the same page in it. */
export function languageSwitcher(current: Language): HTMLElement {
  const label = document.createElement('label');
  label.className = 'host-language';
  label.append('Language ');
  const select = document.createElement('select');
  select.dataset.testid = 'host-language';
  for (const language of LANGUAGES) {
    const option = document.createElement('option');
    option.value = language;
    option.lang = language;
    option.textContent = LANGUAGE_NAMES[language];
    option.selected = language === current;
    select.append(option);
  }
  select.addEventListener('change', () => {
    if (isLanguage(select.value)) window.location.assign(withLanguage(window.location.href, select.value));
  });
  label.append(select);
  return label;
}

import React, { createContext, type FC, type ReactNode, useContext, useMemo } from 'react';
import { formatBytes, formatDateTime, formatDay, formatDuration, formatNumber, formatSpeed } from '../shared/format';
import type { Translate } from './catalog-translator';
import { type ActiveLanguage, hostLanguage } from './host-language';
import { directionOf, type Language, localeFor } from './languages';

/** What a component needs to speak the active language: its words, its direction and its formats. */
export interface Speech {
  t: Translate;
  language: Language;
  locale: string;
  dir: 'ltr' | 'rtl';
  /** A left-to-right run (a MIME type, a list of them, a size) kept whole in a right-to-left sentence. */
  isolate: (text: string) => string;
  bytes: (bytes: number) => string;
  speed: (bytesPerSecond: number | undefined) => string;
  duration: (seconds: number | undefined) => string;
  number: (value: number) => string;
  dateTime: (moment: Date | string | number) => string;
  /** A day, briefly ("3 Nov"; the year when not this year's). */
  day: (moment: Date | string | number) => string;
}

/** How a surface speaks: its speech for a language, the hook its components read it with, and a provider for a subtree. */
export interface SurfaceI18n {
  speechOf: (active: ActiveLanguage) => Speech;
  /**
   * The active language's speech: the nearest `LanguageProvider`'s, else the host's (asked once:
   * Wix reloads an extension when its language changes).
   */
  useI18n: () => Speech;
  /** Renders `children` in `language` (tests, and a host that knows better than the SDK). */
  LanguageProvider: FC<{ language: Language; locale?: string; children: ReactNode }>;
}

/**
 * A size or a MIME type in a right-to-left sentence is a left-to-right run of its own ("4.1 kB",
 * not "kB 4.1"; "video/*" as it is written): Unicode's left-to-right isolate keeps it whole.
 */
const isolate = (dir: 'ltr' | 'rtl', text: string) => (dir === 'rtl' ? `\u2066${text}\u2069` : text);

/**
 * The speech of a surface whose words come from `translatorFor` (its catalogs). Each surface has
 * its own context: a subtree of one surface never speaks from another's catalogs.
 */
export function surfaceI18n(translatorFor: (language: Language) => Translate): SurfaceI18n {
  const speechOf = ({ language, locale }: ActiveLanguage): Speech => {
    const dir = directionOf(language);
    return {
      t: translatorFor(language),
      language,
      locale,
      dir,
      isolate: (text) => isolate(dir, text),
      bytes: (bytes) => isolate(dir, formatBytes(bytes, locale)),
      speed: (bytesPerSecond) => isolate(dir, formatSpeed(bytesPerSecond, locale)),
      duration: (seconds) => formatDuration(seconds, locale),
      number: (value) => formatNumber(value, locale),
      dateTime: (moment) => formatDateTime(moment, locale),
      day: (moment) => formatDay(moment, locale),
    };
  };

  const SpeechContext = createContext<Speech | undefined>(undefined);
  let fromHost: Speech | undefined;

  const useI18n = (): Speech => {
    const provided = useContext(SpeechContext);
    if (provided) return provided;
    fromHost ??= speechOf(hostLanguage());
    return fromHost;
  };

  const LanguageProvider: SurfaceI18n['LanguageProvider'] = ({ language, locale, children }) => {
    const speech = useMemo(() => speechOf({ language, locale: localeFor(language, locale) }), [language, locale]);
    return <SpeechContext.Provider value={speech}>{children}</SpeechContext.Provider>;
  };

  return { speechOf, useI18n, LanguageProvider };
}

import { describe, expect, it } from 'vitest';
import { englishHelp, helpText } from '../../cli/help.js';
import { cliWording, environmentLocale } from '../../cli/language.js';

describe("the command line's language", () => {
  it('comes from LC_ALL, else LC_MESSAGES, else LANG, the first set and not empty', () => {
    expect(environmentLocale({ LC_ALL: 'fr_FR.UTF-8', LC_MESSAGES: 'es_ES', LANG: 'de_DE.UTF-8' })).toBe('fr_FR.UTF-8');
    expect(environmentLocale({ LC_ALL: '', LC_MESSAGES: 'es_ES', LANG: 'de_DE.UTF-8' })).toBe('es_ES');
    expect(environmentLocale({ LANG: 'de_DE.UTF-8' })).toBe('de_DE.UTF-8');
    expect(environmentLocale({})).toBeUndefined();
  });

  it('is --lang over the environment, English for a language the app does not speak', () => {
    const of = (argv: string[], env: NodeJS.ProcessEnv) => {
      const { language, locale } = cliWording(argv, env);
      return `${language} ${locale}`;
    };
    expect(of([], { LANG: 'de_DE.UTF-8' })).toBe('de de-DE');
    expect(of([], { LANG: 'de_AT.UTF-8' })).toBe('de de-AT');
    expect(of(['a.bin', '--lang', 'he'], { LANG: 'de_DE.UTF-8' })).toBe('he he');
    expect(of(['--lang=fr', 'a.bin'], {})).toBe('fr fr');
    expect(of(['--lang', 'ja'], { LANG: 'de_DE.UTF-8' })).toBe('en en');
    expect(of([], { LANG: 'C.UTF-8' })).toBe('en en');
    expect(of([], { LC_ALL: 'POSIX', LANG: 'de_DE.UTF-8' })).toBe('en en');
    // After "--" a file may be named --lang.
    expect(of(['--', '--lang', 'he'], { LANG: 'es_ES.UTF-8' })).toBe('es es-ES');
  });
});

describe('--help', () => {
  it('is told in the language, every option and exit code kept as typed', () => {
    const english = helpText(cliWording(['--lang', 'en'], {}));
    const flagsAndCodes = (text: string) => [...text.matchAll(/^ {2}(-[\w-]+(?:, --\w+)?|\d+)\b/gm)].map((match) => match[1]);
    for (const lang of ['de', 'es', 'fr', 'he']) {
      const help = helpText(cliWording(['--lang', lang], {}));
      expect(flagsAndCodes(help), lang).toEqual(flagsAndCodes(english));
      expect(help, lang).not.toContain('Exit codes');
    }
    expect(helpText(cliWording([], { LANG: 'de_DE.UTF-8' }))).toMatch(/^Aufruf: resumable-upload <Dateien oder Ordner\.\.\.>/);
    expect(english).toBe(englishHelp());
  });
});

import type { Wording } from '../src/i18n/describe.js';
import { languageOf, localeFor } from '../src/i18n/languages.js';
import { translatorFor } from '../src/i18n/translator.js';

/**
 * The environment's locale as POSIX reads it: LC_ALL, else LC_MESSAGES, else LANG (the first one
 * set and not empty), such as "de_DE.UTF-8".
 */
export function environmentLocale(env: NodeJS.ProcessEnv): string | undefined {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * `--lang <code>` or `--lang=<code>` as written on the command line, read before the options are
 * (a wrong command line is told in the language too); the last one wins, as parseArgs has it.
 */
function languageArgument(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const [index, argument] of argv.entries()) {
    if (argument === '--') break;
    if (argument === '--lang') found = argv[index + 1];
    else if (argument.startsWith('--lang=')) found = argument.slice('--lang='.length);
  }
  return found;
}

/**
 * What the command line speaks in: `--lang`, else the environment's locale ("de_DE.UTF-8" → de);
 * English for a language the app does not speak ("C", "ja_JP"). Sizes, speeds and durations are
 * written in the environment's locale when it is of the same language (de_AT keeps Austria's
 * forms), else in the language's own.
 */
export function cliWording(argv: readonly string[], env: NodeJS.ProcessEnv): Wording {
  const hostLocale = environmentLocale(env);
  const language = languageOf(languageArgument(argv) ?? hostLocale);
  // "C" and "POSIX" name no language: English by default, not a locale to format in.
  const formsOf = hostLocale && /^[a-z]{2,3}([_-]|$)/i.test(hostLocale) ? hostLocale : undefined;
  return { t: translatorFor(language), locale: localeFor(language, formsOf), language };
}

import { describeViolation, describeViolationsIn, type Wording } from '../src/i18n/describe.js';
import { translatorFor } from '../src/i18n/translator.js';
import type { FieldViolation } from '../src/shared/refusals.js';

/** What the uploader's exit code says; `--help` and the README list them. */
export const EXIT_CODES = {
  /** Every file is READY in the Media Manager (uploaded now, or already before). */
  allReady: 0,
  /** Some files failed or were refused by the Media Manager; each is named with its reason. */
  filesFailed: 1,
  /** The command line is wrong: an unknown flag, a bad value, a path that does not exist. */
  usage: 2,
  /** The server could not be reached, or refused the credentials. */
  unreachable: 3,
  /** A fault of the uploader itself, not of the files or the server: its stack is printed. */
  internalError: 70,
  /** Stopped by Ctrl-C or a termination signal; run the same command again to continue. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * What an error of the command line says: a key of the catalogs' `cli.error` group (whole, as the
 * catalogs' guard test reads keys) and its values,
 * told in the language of the run (`cli/language.ts`); the error's `message` is its English.
 */
export interface CliErrorWords {
  key: string;
  values?: Record<string, string | number>;
}

const ENGLISH: Wording = { t: translatorFor('en'), locale: 'en', language: 'en' };

abstract class CliError extends Error {
  constructor(readonly words: CliErrorWords) {
    super(ENGLISH.t(words.key, words.values));
  }

  /** The sentence in the run's language. */
  told(wording: Wording): string {
    return wording.t(this.words.key, this.words.values);
  }
}

/** Wrong input on the command line: exit code 2, with a sentence naming what is wrong. */
export class UsageError extends CliError {
  override name = 'UsageError';
}

/**
 * An option's value the upload request policy refuses: each rule it breaks, told by its rule
 * (src/i18n/describe.ts), after the option ("--folder: The folder path must…"), or with the option
 * as the field at fault when the value is all the field there is ("--from-url must start with…").
 */
export class InvalidOptionValue extends UsageError {
  constructor(
    readonly option: string,
    readonly violations: readonly FieldViolation[],
    readonly optionIsTheField = false,
  ) {
    super({ key: 'cli.error.invalidValue', values: { option } });
    this.message = this.told(ENGLISH);
  }

  override told(wording: Wording): string {
    if (this.optionIsTheField) return this.violations.map((violation) => describeViolation(wording, violation, this.option)).join(' ');
    return `${this.option}: ${describeViolationsIn(wording, this.violations)}`;
  }
}

/** The server could not be reached or refused to let us in: exit code 3. */
export class ConnectError extends CliError {
  override name = 'ConnectError';
}

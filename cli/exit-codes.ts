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

/** Wrong input on the command line: exit code 2, with a sentence naming what is wrong. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The server could not be reached or refused to let us in: exit code 3. */
export class ConnectError extends Error {
  override name = 'ConnectError';
}

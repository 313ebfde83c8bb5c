import type { FieldViolation } from './upload-request';

/**
 * The one rule set for names and folder paths, wherever they enter: the page's checks, the
 * backend, and the local Wix's generate call, tus metadata and finalize `?filename=`; and for
 * every text a visitor types (name, e-mail, message: `typedTextViolation`).
 *
 * Wix documents only maximum lengths. The rest is this app's decision: a name is shown in the
 * Media Manager, in links and in downloads, so it must have a visible character and no control
 * characters: C0 and C1 controls (NUL, CR, LF, tab, ESC...), DEL, the line and paragraph
 * separators, and the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069), with
 * which "invoice‮fdp.exe" reads as "invoiceexe.pdf".
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** The same, less the line feed and tab a message may hold (a CR LF counts as a line feed). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const FORBIDDEN_BETWEEN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

function describeCharacter(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function forbiddenCharacter(value: string, field: string, pattern = FORBIDDEN): FieldViolation | undefined {
  const forbidden = pattern.exec(value);
  if (!forbidden) return undefined;
  return {
    field,
    description: `must not contain control or text-direction characters (found ${describeCharacter(forbidden[0])})`,
    violatedRule: 'FORMAT',
  };
}

function tooLong(value: string, field: string, maxLength: number): FieldViolation | undefined {
  if (value.length <= maxLength) return undefined;
  return {
    field,
    description: `must be at most ${maxLength} characters long (got ${value.length})`,
    violatedRule: 'MAX_LENGTH',
    data: { threshold: maxLength },
  };
}

/** Why a name breaks the rules, or undefined when it does not. */
export function nameViolation(value: unknown, field: string, maxLength: number): FieldViolation | undefined {
  if (typeof value !== 'string') return { field, description: 'must be text', violatedRule: 'TYPE' };
  if (value.trim() === '') return { field, description: 'must not be empty', violatedRule: 'REQUIRED_FIELD' };
  return forbiddenCharacter(value, field) ?? tooLong(value, field, maxLength);
}

/** Why a folder path such as "/videos/2024" breaks the rules: a name's rules for each folder, no "." or "..". */
export function folderPathViolation(value: unknown, field: string, maxLength: number): FieldViolation | undefined {
  if (typeof value !== 'string') return { field, description: 'must be text', violatedRule: 'TYPE' };
  const problem = tooLong(value, field, maxLength) ?? forbiddenCharacter(value, field);
  if (problem) return problem;
  if (value.split('/').some((segment) => segment.trim() === '.' || segment.trim() === '..')) {
    return { field, description: 'must not contain "." or ".." segments', violatedRule: 'FORMAT' };
  }
  return undefined;
}

/**
 * Why a text a visitor typed (a name, an e-mail, a message) breaks the rule names follow: the
 * same control and text-direction characters are refused; a multi-line text may hold line
 * breaks (LF, CR LF) and tabs. Undefined when it does not.
 */
export function typedTextViolation(value: string, field: string, { multiline }: { multiline: boolean }): FieldViolation | undefined {
  return multiline ? forbiddenCharacter(value.replace(/\r\n/g, '\n'), field, FORBIDDEN_BETWEEN_LINES) : forbiddenCharacter(value, field);
}

/**
 * Whether an entry found inside a folder the user sent is left out: hidden ones, whose name starts
 * with "." (".DS_Store", ".git", "._photo.jpg"). The same rule for the page's dropped and picked
 * folders and the command line's; a file or folder named or dropped itself is always sent.
 */
export function isHiddenEntry(name: string): boolean {
  return name.startsWith('.');
}

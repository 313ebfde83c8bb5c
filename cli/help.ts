import { DEFAULT_LOCAL_WIX_URL } from '../clients/local-wix.js';
import type { Wording } from '../src/i18n/describe.js';
import { DEFAULT_CONCURRENCY } from '../src/upload-engine/node/index.js';
import { EXIT_CODES } from './exit-codes.js';
import { cliWording } from './language.js';
import { RECORDS_DIR } from './records.js';

/** An option or an exit code and what it does, lined up. */
const row = (name: string, width: number, text: string) => `  ${name.padEnd(width)}${text}`;

/** `--help` in the reader's language (the catalogs' `cli.help` group); flags, paths and codes as typed. */
export function helpText({ t }: Wording): string {
  const option = (flags: string, text: string) => row(flags, 21, text);
  const exit = (code: number, text: string) => row(String(code), 5, text);
  return `${t('cli.help.usage')}

${t('cli.help.about')}

${t('cli.help.whereTo')}
  ${t('cli.help.localWix', { url: DEFAULT_LOCAL_WIX_URL })}
  ${t('cli.help.realSite')}

${t('cli.help.options')}
${option('--from-url <link>', t('cli.help.option.fromUrl'))}
${option('--folder <path>', t('cli.help.option.folder'))}
${option('--private', t('cli.help.option.private'))}
${option('--labels <a,b>', t('cli.help.option.labels'))}
${option('--skip-existing', t('cli.help.option.skipExisting'))}
${option('--duplicates <how>', t('cli.help.option.duplicates'))}
${option('--concurrency <n>', t('cli.help.option.concurrency', { default: DEFAULT_CONCURRENCY }))}
${option('--chunk-size <size>', t('cli.help.option.chunkSize'))}
${option('--url <origin>', t('cli.help.option.url', { default: DEFAULT_LOCAL_WIX_URL }))}
${option('--lang <code>', t('cli.help.option.lang'))}
${option('-q, --quiet', t('cli.help.option.quiet'))}
${option('--json', t('cli.help.option.json'))}
${option('-h, --help', t('cli.help.option.help'))}

${t('cli.help.records', { dir: RECORDS_DIR })}

${t('cli.help.exitCodes')}
${exit(EXIT_CODES.allReady, t('cli.help.exit.allReady'))}
${exit(EXIT_CODES.filesFailed, t('cli.help.exit.filesFailed'))}
${exit(EXIT_CODES.usage, t('cli.help.exit.usage'))}
${exit(EXIT_CODES.unreachable, t('cli.help.exit.unreachable'))}
${exit(EXIT_CODES.internalError, t('cli.help.exit.internalError'))}
${exit(EXIT_CODES.interrupted, t('cli.help.exit.interrupted'))}
`;
}

/** The English help: made when asked, not at every start (an English translator of its own, ~30 ms). */
export function englishHelp(): string {
  return helpText(cliWording(['--lang', 'en'], {}));
}

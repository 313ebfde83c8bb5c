import { describe, expect, it } from 'vitest';
import { parseByteSize } from '../../cli/byte-size.js';
import { EXIT_CODES, UsageError } from '../../cli/exit-codes.js';
import { englishHelp } from '../../cli/help.js';
import { parseOptions } from '../../cli/options.js';
import { chooseTarget } from '../../cli/targets/choose.js';
import { DEFAULT_LOCAL_WIX_URL as DEFAULT_LOCAL_URL } from '../../clients/local-wix.js';
import { DEFAULT_CHUNK_SIZE } from '../../src/upload-engine/tus-transport.js';

function usageErrorOf(argv: string[]): string {
  try {
    parseOptions(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('the command line', () => {
  it('reads every option', () => {
    expect(
      parseOptions([
        'a.mp4',
        'shoot',
        '--folder',
        'clients//2026/',
        '--private',
        '--labels',
        ' summer, ,2026 ',
        '--concurrency',
        '5',
        '--chunk-size',
        '8MiB',
        '--url',
        'http://127.0.0.1:6000/',
        '--from-url',
        'https://cloud.example.com/shoot/a.mov',
        '--from-url',
        'http://127.0.0.1:7000/b.png',
        '--duplicates=copy',
        '-q',
      ]),
    ).toEqual({
      help: false,
      paths: ['a.mp4', 'shoot'],
      fromUrls: ['https://cloud.example.com/shoot/a.mov', 'http://127.0.0.1:7000/b.png'],
      folder: '/clients/2026',
      private: true,
      labels: ['summer', '2026'],
      concurrency: 5,
      chunkSize: 8 * 1024 * 1024,
      output: 'quiet',
      duplicates: 'copy',
      url: 'http://127.0.0.1:6000',
    });
  });

  it('has defaults: three at a time, the local Wix not named, bars or lines by the terminal', () => {
    expect(parseOptions(['a.mp4'])).toEqual({
      help: false,
      paths: ['a.mp4'],
      fromUrls: [],
      private: false,
      concurrency: 3,
      output: 'auto',
      duplicates: 'skip',
    });
    expect(parseOptions(['--from-url', 'https://example.com/a.mp4'])).toMatchObject({ paths: [], fromUrls: ['https://example.com/a.mp4'] });
    expect(parseOptions(['a.mp4', '--json']).output).toBe('json');
    expect(parseOptions(['--help'])).toMatchObject({ help: true, paths: [] });
  });

  it('skips files already in their folder unless told --duplicates=copy; --skip-existing and --duplicates=skip say the default', () => {
    expect(parseOptions(['a.mp4', '--skip-existing']).duplicates).toBe('skip');
    expect(parseOptions(['a.mp4', '--duplicates', 'skip']).duplicates).toBe('skip');
    expect(parseOptions(['a.mp4', '--duplicates=copy']).duplicates).toBe('copy');
    expect(usageErrorOf(['a.mp4', '--duplicates=ask'])).toBe('--duplicates must be skip or copy, got "ask"');
    expect(usageErrorOf(['a.mp4', '--skip-existing', '--duplicates=copy'])).toBe(
      '--skip-existing and --duplicates=copy cannot be used together',
    );
    expect(englishHelp()).toMatch(/--skip-existing\s+skip files whose name and size are already in their folder \(the default\)/);
    expect(englishHelp()).toMatch(/--duplicates <how>\s+skip \(the default\) or copy/);
  });

  it('refuses a --from-url that is not an http(s) link, or holds a password', () => {
    expect(() => parseOptions(['--from-url', 'ftp://example.com/a.mp4'])).toThrow(/--from-url must start with https:\/\/ or http:\/\//);
    expect(() => parseOptions(['--from-url', 'https://me:pw@example.com/a.mp4'])).toThrow(/password/);
    expect(() => parseOptions(['--from-url'])).toThrow(UsageError);
  });

  it('refuses what it cannot use, saying what is wrong', () => {
    expect(usageErrorOf([])).toBe('Name at least one file or folder to upload, or a link with --from-url');
    expect(usageErrorOf(['a', '--nope'])).toMatch(/Unknown option '--nope'/);
    expect(usageErrorOf(['a', '--folder'])).toMatch(/--folder <value>' argument missing/);
    expect(usageErrorOf(['a', '--concurrency', '0'])).toBe('--concurrency must be a whole number from 1 to 32, got "0"');
    expect(usageErrorOf(['a', '--concurrency', '2.5'])).toMatch(/got "2.5"/);
    expect(usageErrorOf(['a', '--chunk-size', '10'])).toBe(
      '--chunk-size must be a size from 64KiB to 1GiB, such as 8MiB or 524288, got "10"',
    );
    expect(usageErrorOf(['a', '--chunk-size', '8 parsecs'])).toMatch(/--chunk-size/);
    expect(usageErrorOf(['a', '--folder', 'clients/../secret'])).toBe('--folder: The folder path must not contain "." or ".." segments.');
    expect(usageErrorOf(['a', '--folder', 'x'.repeat(101)])).toMatch(/^--folder: The folder path must be at most 100 characters long/);
    expect(usageErrorOf(['a', '--labels', 'ok,bad\u202e'])).toMatch(
      /^--labels: Label 2 must not contain control or text-direction characters/,
    );
    expect(usageErrorOf(['a', '--url', 'localhost'])).toBe(
      '--url must be the local Wix\'s address, such as http://127.0.0.1:5173, got "localhost"',
    );
    expect(usageErrorOf(['a', '--url', 'ftp://127.0.0.1'])).toBe('--url must be an http:// or https:// address, got "ftp://127.0.0.1"');
    expect(usageErrorOf(['a', '--quiet', '--json'])).toMatch(/--quiet and --json cannot be used together/);
  });

  it('says in --help the defaults the engine really uses, and every exit code', () => {
    expect(DEFAULT_CHUNK_SIZE).toBe(Number.POSITIVE_INFINITY);
    expect(englishHelp()).toContain('(default: the rest of the file,');
    expect(englishHelp()).toContain(`(default ${DEFAULT_LOCAL_URL})`);
    for (const code of Object.values(EXIT_CODES)) expect(englishHelp()).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
  });

  it('reads sizes in bytes, decimal multiples (kB, MB, GB, as sizes are shown) and binary ones (KiB, MiB, GiB)', () => {
    expect(parseByteSize('524288')).toBe(524288);
    expect(parseByteSize('512KiB')).toBe(512 * 1024);
    expect(parseByteSize('1.5 MB')).toBe(1_500_000);
    expect(parseByteSize('1.5 MiB')).toBe(1.5 * 1024 * 1024);
    expect(parseByteSize('2g')).toBe(2e9);
    expect(parseByteSize('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseByteSize('-1')).toBeUndefined();
    expect(parseByteSize('MiB')).toBeUndefined();
    expect(parseByteSize('3 bananas')).toBeUndefined();
  });
});

describe('the target', () => {
  it('is the local Wix by default, at the address npm start prints', () => {
    const target = chooseTarget({}, {});
    expect(DEFAULT_LOCAL_URL).toBe('http://127.0.0.1:5173');
    expect(target.recordsName).toBe('local-127.0.0.1-5173');
    expect(target.description).toBe('the local Wix at http://127.0.0.1:5173');
    expect(chooseTarget({ url: 'http://[::1]:7000' }, {}).recordsName).toBe('local-1-7000');
  });

  it('is a real site when WIX_SITE_ID and WIX_API_KEY are both set, and says which is missing otherwise', () => {
    const site = chooseTarget({}, { WIX_SITE_ID: 'site/1', WIX_API_KEY: 'key' });
    expect(site.description).toBe('the Wix site site/1');
    expect(site.recordsName).toBe('site-site-1');
    expect(() => chooseTarget({}, { WIX_API_KEY: 'key' })).toThrow(/WIX_API_KEY is set but WIX_SITE_ID is not/);
    expect(() => chooseTarget({}, { WIX_SITE_ID: 'site' })).toThrow(/WIX_SITE_ID is set but WIX_API_KEY is not/);
    expect(() => chooseTarget({ url: 'http://127.0.0.1:1' }, { WIX_SITE_ID: 'site', WIX_API_KEY: 'key' })).toThrow(UsageError);
  });
});

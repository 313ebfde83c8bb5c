import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CATALOGS } from '../../src/i18n/translator';
import { LANGUAGES, SOURCE_LANGUAGE } from '../../src/i18n/languages';
import { findBypasses, sourceFiles, UI_SOURCE_DIRS, usedKeys } from './text-sources';

const ROOT = join(import.meta.dirname, '..', '..');
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(catalog: Record<string, unknown>, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [name, value] of Object.entries(catalog)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (typeof value === 'string') keys.set(key, value);
    else if (value && typeof value === 'object')
      for (const [inner, text] of flatten(value as Record<string, unknown>, key)) keys.set(inner, text);
  }
  return keys;
}

/** The keys a language must have: every key of the source, a plural in each form of the language's rules (Intl.PluralRules). */
function expectedKeys(language: string): Set<string> {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const expected = new Set<string>();
  for (const key of flatten(CATALOGS[SOURCE_LANGUAGE]).keys()) {
    if (PLURAL.test(key)) for (const category of categories) expected.add(key.replace(PLURAL, `_${category}`));
    else expected.add(key);
  }
  return expected;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]).sort();

describe('the catalogs', () => {
  it.each(LANGUAGES)('%s has every key, each plural in every form its language has, and no other', (language) => {
    const keys = new Set(flatten(CATALOGS[language]).keys());
    const expected = expectedKeys(language);
    expect(
      [...expected].filter((key) => !keys.has(key)),
      'missing',
    ).toEqual([]);
    expect(
      [...keys].filter((key) => !expected.has(key)),
      'not in the source language',
    ).toEqual([]);
  });

  it.each(LANGUAGES)('%s fills in the same values as English (a sentence that drops {{name}} loses it)', (language) => {
    const source = flatten(CATALOGS[SOURCE_LANGUAGE]);
    const wrong: string[] = [];
    for (const [key, text] of flatten(CATALOGS[language])) {
      const english = source.get(key) ?? source.get(key.replace(PLURAL, '_other'));
      if (english === undefined) continue;
      // A singular form may say "one" in words instead of {{count}} (or {{number}}, the count as the locale writes it).
      const mine = placeholders(text).filter((name) => name !== 'count' && !(name === 'number' && key.endsWith('_one')));
      const theirs = placeholders(english).filter((name) => name !== 'count' && !(name === 'number' && key.endsWith('_one')));
      if (mine.join() !== theirs.join()) wrong.push(`${key}: ${mine.join()} ≠ ${theirs.join()}`);
    }
    expect(wrong).toEqual([]);
  });

  it('has no key that no code uses', () => {
    const files = sourceFiles(ROOT, ['src', 'cli', 'local/dashboard-host', 'local/site-host']);
    const { exact, prefixes } = usedKeys(files);
    const unused = [...flatten(CATALOGS[SOURCE_LANGUAGE]).keys()]
      .map((key) => key.replace(PLURAL, ''))
      .filter((key) => !exact.has(key) && ![...prefixes].some((prefix) => prefix !== '' && key.startsWith(prefix)));
    expect([...new Set(unused)]).toEqual([]);
  });

  it('has every key the code asks for', () => {
    const files = sourceFiles(ROOT, ['src', 'cli', 'local/dashboard-host', 'local/site-host']);
    const bases = new Set([...flatten(CATALOGS[SOURCE_LANGUAGE]).keys()].map((key) => key.replace(PLURAL, '')));
    expect([...usedKeys(files).exact].filter((key) => !bases.has(key))).toEqual([]);
  });

  it("has the command line's words in its own group, each asked for by the command line's code", () => {
    const { exact, prefixes } = usedKeys(sourceFiles(ROOT, ['cli']));
    const cliKeys = [...flatten(CATALOGS[SOURCE_LANGUAGE]).keys()]
      .filter((key) => key.startsWith('cli.'))
      .map((key) => key.replace(PLURAL, ''));
    expect(cliKeys.length).toBeGreaterThan(0);
    expect(cliKeys.filter((key) => !exact.has(key) && ![...prefixes].some((prefix) => prefix !== '' && key.startsWith(prefix)))).toEqual(
      [],
    );
    // What the command line asks for outside its group is the shared words (describe.ts's refusals and failures, common.*).
    expect([...exact].filter((key) => !key.startsWith('cli.') && !key.startsWith('common.'))).toEqual([]);
  });
});

describe('the UI source', () => {
  it('shows no words that bypass the catalogs (JSX text, user-facing props and properties, error setters)', () => {
    const bypasses = findBypasses(ROOT, sourceFiles(ROOT, UI_SOURCE_DIRS));
    expect(bypasses.map((one) => `${one.file}:${one.line} ${one.why}: ${one.text}`)).toEqual([]);
  });

  it('is caught when it does (the scan finds each kind of bypass)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'i18n-scan-'));
    const file = join(dir, 'Sample.tsx');
    writeFileSync(
      file,
      [
        'export const A = () => <p>Hello there</p>;',
        'export const B = () => <Button ariaLabel="Pause all">{t("ok")}</Button>;',
        "export const C = ({ n }) => <Text>{n > 1 ? 'many files' : t('one')}</Text>;",
        "const columns = [{ title: 'File name', render }];",
        "setRefusal('Your files could not be sent');",
        "export const D = () => <Text dataHook=\"queue-counts\" title={t('x')}>{' · '}</Text>;",
        '// i18n-exempt: a brand',
        'export const E = () => <b>Wix Media</b>;',
      ].join('\n'),
    );
    const found = findBypasses(dir, [file]).map((one) => one.line);
    expect(found).toEqual([1, 2, 3, 4, 5]);
  });
});

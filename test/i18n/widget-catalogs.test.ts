import { describe, expect, it } from 'vitest';
import { join, relative } from 'node:path';
import type { Catalog } from '../../src/i18n/catalog-translator';
import { LANGUAGES, type Language } from '../../src/i18n/languages';
import { CATALOGS } from '../../src/i18n/translator';
import { WIDGET_CATALOGS } from '../../src/i18n/widget-i18n';
import { loadedModules, usedKeys } from './text-sources';

const ROOT = join(import.meta.dirname, '..', '..');
/** The site widget as the Wix CLI builds it: its custom element. */
const WIDGET_ENTRY = join(ROOT, 'src/site/widgets/custom-elements/visitor-upload/element.tsx');

function flatKeys(catalog: Catalog, prefix = ''): string[] {
  return Object.entries(catalog).flatMap(([name, value]) => {
    const key = prefix ? `${prefix}.${name}` : name;
    if (typeof value === 'string') return [key];
    return value && typeof value === 'object' ? flatKeys(value as Catalog, key) : [];
  });
}

/**
 * The keys asked for (`exact`, and every key of the whole catalogs under each of `prefixes`) that
 * `catalog` cannot say in `language`: neither the key nor, for a plural, each form the language's
 * rules need.
 */
function missingKeys(language: Language, catalog: Catalog, asked: { exact: Set<string>; prefixes: Set<string> }): string[] {
  const has = new Set(flatKeys(catalog));
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const underPrefixes = flatKeys(CATALOGS[language])
    .filter((key) => [...asked.prefixes].some((prefix) => key.startsWith(prefix)))
    .map((key) => key.replace(/_(zero|one|two|few|many|other)$/, ''));
  return [...new Set([...asked.exact, ...underPrefixes])].filter(
    (key) => !has.has(key) && !categories.every((category) => has.has(`${key}_${category}`)),
  );
}

describe("the site widget's catalogs", () => {
  const modules = loadedModules(WIDGET_ENTRY);
  const asked = usedKeys(modules);

  it('are what the widget loads, not the whole catalogs', () => {
    const files = modules.map((path) => relative(ROOT, path));
    expect(files).toContain('src/i18n/widget-i18n.ts');
    expect(files).toContain('src/i18n/describe.ts');
    expect(files).not.toContain('src/i18n/translator.ts');
    expect(files).not.toContain('src/i18n/use-i18n.tsx');
  });

  it.each(LANGUAGES)('%s: say every key the code the widget loads asks for', (language) => {
    expect(asked.exact.size).toBeGreaterThan(50);
    expect(missingKeys(language, WIDGET_CATALOGS[language], asked)).toEqual([]);
  });

  it('hold only the groups the widget asks for', () => {
    const groups = new Set([...asked.exact, ...asked.prefixes].map((key) => key.split('.')[0]));
    for (const language of LANGUAGES) expect(Object.keys(WIDGET_CATALOGS[language]).sort()).toEqual([...groups].sort());
  });

  it('hold the same words as the whole catalogs', () => {
    for (const language of LANGUAGES)
      for (const [group, words] of Object.entries(WIDGET_CATALOGS[language])) expect(words).toEqual(CATALOGS[language][group]);
  });

  it('is caught missing a group, a key or a plural form', () => {
    const { broken, ...withoutBroken } = WIDGET_CATALOGS.de;
    expect(broken).toBeDefined();
    expect(missingKeys('de', withoutBroken, asked)).toContain('broken.TYPE_NOT_ACCEPTED');
    const only = (key: string) => ({ exact: new Set([key]), prefixes: new Set<string>() });
    expect(missingKeys('de', WIDGET_CATALOGS.de, only('widget.noSuchKey'))).toEqual(['widget.noSuchKey']);
    // Hebrew has a dual: a catalog with only English's two forms cannot say two files.
    const { terms_two, ...withoutDual } = WIDGET_CATALOGS.he.widget as Record<string, string>;
    expect(terms_two).toBeDefined();
    expect(missingKeys('he', { ...WIDGET_CATALOGS.he, widget: withoutDual }, only('widget.terms'))).toEqual(['widget.terms']);
    expect(missingKeys('he', WIDGET_CATALOGS.he, only('widget.terms'))).toEqual([]);
  });
});

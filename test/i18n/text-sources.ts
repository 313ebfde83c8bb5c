import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Where people's words may come from in the UI's source: the catalogs, through `t('key')`. This
 * finds what bypasses them in the dashboard pages and the site widget (src/dashboard, src/site):
 * JSX text, string literals in user-facing props (label, title, ariaLabel, placeholder...), string
 * literals shown as JSX children, object properties people read (a column's title, a toast's
 * message, a question's content) and strings handed to an error or refusal setter. A literal made
 * of no words ("·", "/", "–") is layout, not wording. `// i18n-exempt: why` on the line before
 * exempts one line.
 */
export const UI_SOURCE_DIRS = ['src/dashboard', 'src/site'];

const USER_FACING_PROPS = new Set([
  'label',
  'title',
  'subtitle',
  'ariaLabel',
  'aria-label',
  'aria-description',
  'placeholder',
  'alt',
  'content',
  'text',
  'tooltip',
  'statusMessage',
  'contentLabel',
  'primaryButtonText',
  'secondaryButtonText',
  'heading',
  'hint',
  'message',
  'confirm',
  'keep',
  'note',
  'error',
  'reason',
]);
const TEXT_SETTERS = /^(set\w*(Error|Refusal|Problem|Message|Notice)|errorMessage|showToast|alert|confirm)$/;
/** A word: two letters or more, not part of a code such as #116dff. */
const WORDS = /(?:^|[^\p{L}\p{N}#])\p{L}{2,}(?:$|[^\p{L}\p{N}])/u;
/** What a setter takes that is a sentence, not a code ('no-connection'): words with a space between. */
const SENTENCE = /\p{L}+\s+\p{L}/u;

export interface Bypass {
  file: string;
  line: number;
  text: string;
  why: string;
}

export function sourceFiles(root: string, dirs: readonly string[], extensions = ['.ts', '.tsx']): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (extensions.some((extension) => name.endsWith(extension)) && !name.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const dir of dirs) walk(join(root, dir));
  return files;
}

function isTranslationCall(node: ts.Node): boolean {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't';
}

function insideTranslation(node: ts.Node, stop: ts.Node): boolean {
  for (let current = node.parent; current && current !== stop; current = current.parent) if (isTranslationCall(current)) return true;
  return false;
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('…');
  return undefined;
}

/** Every worded literal under `root` that is not an argument of t() (nor a key of an object, a type, an import). */
function wordedLiterals(root: ts.Node): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node) => {
    if (isTranslationCall(node)) return;
    if (ts.isJsxAttribute(node) && node !== root) return;
    const text = literalText(node);
    if (text !== undefined && WORDS.test(text) && !insideTranslation(node, root)) {
      // The left of a comparison (`state === 'failed'`) and an index are code, not wording; so is
      // the value (through `a ? b : c`) of a property no one reads (`type: ok ? 'success' : 'warning'`).
      let parent = node.parent;
      while (ts.isConditionalExpression(parent) || ts.isParenthesizedExpression(parent)) parent = parent.parent;
      const code =
        (ts.isBinaryExpression(parent) &&
          parent.operatorToken.kind !== ts.SyntaxKind.BarBarToken &&
          parent.operatorToken.kind !== ts.SyntaxKind.QuestionQuestionToken) ||
        ts.isElementAccessExpression(parent) ||
        ts.isCaseClause(parent) ||
        (ts.isPropertyAssignment(parent) && !USER_FACING_PROPS.has(propName(parent.name))) ||
        (ts.isCallExpression(parent) && parent.expression !== node && !TEXT_SETTERS.test(calleeName(parent)));
      if (!code) found.push(node);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

function calleeName(call: ts.CallExpression): string {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}

function propName(name: ts.PropertyName | ts.JsxAttributeName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isJsxNamespacedName(name)) return `${name.namespace.text}:${name.name.text}`;
  return '';
}

export function findBypasses(root: string, files: readonly string[]): Bypass[] {
  const bypasses: Bypass[] = [];
  for (const path of files) {
    const source = readFileSync(path, 'utf8');
    const lines = source.split('\n');
    const file = relative(root, path);
    const sourceFile = ts.createSourceFile(
      path,
      source,
      ts.ScriptTarget.Latest,
      true,
      path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const report = (node: ts.Node, why: string, text = node.getText(sourceFile)) => {
      const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line;
      if (/i18n-exempt/.test(lines[line - 1] ?? '') || /i18n-exempt/.test(lines[line] ?? '')) return;
      bypasses.push({ file, line: line + 1, text: text.trim().slice(0, 80), why });
    };
    const visit = (node: ts.Node) => {
      if (ts.isJsxText(node) && WORDS.test(node.text)) report(node, 'JSX text');
      else if (ts.isJsxExpression(node) && !ts.isJsxAttribute(node.parent) && node.expression) {
        for (const literal of wordedLiterals(node.expression)) report(literal, 'a string shown as JSX content');
      } else if (ts.isJsxAttribute(node) && USER_FACING_PROPS.has(propName(node.name))) {
        const value = node.initializer;
        if (value && ts.isStringLiteral(value) && WORDS.test(value.text)) report(value, `the user-facing prop ${propName(node.name)}`);
        else if (value && ts.isJsxExpression(value) && value.expression)
          for (const literal of wordedLiterals(value.expression)) report(literal, `the user-facing prop ${propName(node.name)}`);
      } else if (ts.isPropertyAssignment(node) && USER_FACING_PROPS.has(propName(node.name))) {
        for (const literal of wordedLiterals(node.initializer)) report(literal, `the property ${propName(node.name)}`);
      } else if (ts.isCallExpression(node) && TEXT_SETTERS.test(calleeName(node))) {
        for (const argument of node.arguments)
          for (const literal of wordedLiterals(argument))
            if (SENTENCE.test(literalText(literal) ?? '')) report(literal, `text handed to ${calleeName(node)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  const seen = new Set<string>();
  return bypasses.filter((one) => {
    const key = `${one.file}:${one.line}:${one.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The keys code asks for: `t('a.b')` (a plural's base key covers its forms), and the prefix of a
 * key built at run time (`t(\`state.${state}\`)` covers every key under `state.`).
 */
export function usedKeys(files: readonly string[]): { exact: Set<string>; prefixes: Set<string> } {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const path of files) {
    const source = readFileSync(path, 'utf8');
    for (const match of source.matchAll(/\bt\(\s*(['"])([\w.-]+)\1/g)) exact.add(match[2]!);
    for (const match of source.matchAll(/\bt\(\s*`([\w.-]*)\$\{/g)) prefixes.add(match[1]!);
    // Words told later, such as the command line's errors: `{ key: 'cli.error.concurrency', values }`.
    for (const match of source.matchAll(/\{\s*key:\s*(['"])([\w-]+\.[\w.-]+)\1/g)) exact.add(match[2]!);
  }
  return { exact, prefixes };
}

/**
 * The source files a module loads when it runs, itself included: its relative imports and
 * re-exports, static or on demand, followed through the project's own modules (`import type` and
 * imports of types only are left out: they load nothing). Packages, styles and JSON are not
 * followed, nor web methods (`*.web.ts`: the browser gets a client of them, their code runs on the
 * server).
 */
export function loadedModules(entry: string): string[] {
  const seen = new Set<string>();
  const resolve = (from: string, specifier: string): string | undefined => {
    const base = join(dirname(from), specifier.replace(/\.js$/, ''));
    return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((path) => existsSync(path));
  };
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const specifiers: string[] = [];
    const walk = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const typesOnly =
          clause !== undefined &&
          (clause.isTypeOnly ||
            (clause.name === undefined &&
              clause.namedBindings !== undefined &&
              ts.isNamedImports(clause.namedBindings) &&
              clause.namedBindings.elements.length > 0 &&
              clause.namedBindings.elements.every((element) => element.isTypeOnly)));
        if (!typesOnly) specifiers.push(node.moduleSpecifier.text);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        if (!node.isTypeOnly) specifiers.push(node.moduleSpecifier.text);
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        specifiers.push(node.arguments[0].text);
      }
      ts.forEachChild(node, walk);
    };
    walk(source);
    for (const specifier of specifiers) {
      if (!specifier.startsWith('.') || /\.web(\.js)?$/.test(specifier)) continue;
      const resolved = resolve(path, specifier);
      if (resolved) visit(resolved);
    }
  };
  visit(entry);
  return [...seen];
}

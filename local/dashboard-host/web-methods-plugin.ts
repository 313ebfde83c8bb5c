import path from 'node:path';
import { init, parse } from 'es-module-lexer';
import type { Plugin } from 'vite';

const toPosix = (file: string) => file.split(path.sep).join('/');

/**
 * The local twin of the Wix CLI's web-methods Vite plugin: a frontend import of a `*.web.ts`
 * file becomes, for each export, a call to `/_webMethods/<file>/<export>.ajax` through the Wix
 * context client, with the same generated code, so the page behaves locally as on Wix.
 */
export function webMethodsPlugin(projectDir: string): Plugin {
  return {
    name: 'local-wix-web-methods',
    async transform(code, id) {
      const file = id.split('?')[0]!;
      if (!file.endsWith('.web.ts')) return undefined;
      const relative = toPosix(path.relative(projectDir, file));
      if (!relative.startsWith('src/')) {
        throw new Error(`Web method file ${relative} is outside src/, where Wix looks for them`);
      }
      await init;
      const [, exports] = parse(code);
      const methods = exports.map(
        ({ ln }) => `export const ${ln} = async (...args) => {
  return await callWebMethod({ args, filename: '${relative}', method: '${ln}', baseURL: __webMethodsBaseUrl });
};`,
      );
      return {
        code: `import { callWebMethod } from '@wix/cli-app/internal/platform-sdk/web-methods';
const __webMethodsBaseUrl = import.meta.env.BASE_API_URL.replace('/functions', '');
${methods.join('\n')}
`,
        map: null,
      };
    },
  };
}

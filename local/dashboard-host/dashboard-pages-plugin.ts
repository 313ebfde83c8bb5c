import type { Plugin } from 'vite';
import { findDashboardPages } from './dashboard-pages.js';

const DASHBOARD_PAGES_MODULE = 'virtual:dashboard-pages';
const RESOLVED_ID = `\0${DASHBOARD_PAGES_MODULE}`;

/**
 * Gives the host page the app's dashboard pages, found in the pages folders at build time: their
 * metadata, and each page's component as its own chunk, loaded when its route is opened.
 */
export function dashboardPagesPlugin(pagesDirs: readonly string[]): Plugin {
  return {
    name: 'local-wix-dashboard-pages',
    resolveId: (id) => (id === DASHBOARD_PAGES_MODULE ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const entries = findDashboardPages(pagesDirs).map(
        ({ id: pageId, title, route, additionalRoutes, component }) =>
          `{ id: ${JSON.stringify(pageId)}, title: ${JSON.stringify(title)}, route: ${JSON.stringify(route)}, ` +
          `additionalRoutes: ${JSON.stringify(additionalRoutes)}, load: () => import(${JSON.stringify(component)}) }`,
      );
      return `export default [\n${entries.join(',\n')}\n];\n`;
    },
  };
}

import fs from 'node:fs';
import path from 'node:path';
import { normalizeRoute, type RoutedPage } from './page-routes.js';

/** A dashboard page of the app, as the Wix CLI for Apps lays it out: a folder with page.json and page.tsx. */
export interface DashboardPageEntry extends RoutedPage {
  id: string;
  title: string;
  /** The page's component module (page.tsx), an absolute path. */
  component: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every page under the given pages folders: each folder holding a page.json, routed by where it
 * is (the Wix CLI's convention: the root folder's page is the app's main page). Throws, naming
 * the file, when a page.json is unreadable, misses its page.tsx, or repeats another page's id or
 * route, as `wix app build` refuses such a project.
 */
export function findDashboardPages(pagesDirs: readonly string[]): DashboardPageEntry[] {
  const pages: DashboardPageEntry[] = [];
  for (const pagesDir of pagesDirs) {
    if (!fs.existsSync(pagesDir)) continue;
    const folderOf = (file: string) => (path.dirname(file) === '.' ? '' : path.dirname(file));
    const metadataFiles = fs
      .readdirSync(pagesDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => path.basename(file) === 'page.json')
      .sort((a, b) => folderOf(a).localeCompare(folderOf(b)));
    for (const metadataFile of metadataFiles) {
      const page = readPage(pagesDir, metadataFile);
      const sameId = pages.find((other) => other.id === page.id);
      if (sameId) throw new Error(`${page.component}: page id ${page.id} is also the id of ${sameId.component}`);
      const sameRoute = pages.find((other) => routesOf(other).some((route) => routesOf(page).includes(route)));
      if (sameRoute) throw new Error(`${page.component}: its route is also a route of ${sameRoute.component}`);
      pages.push(page);
    }
  }
  return pages;
}

function routesOf(page: RoutedPage): string[] {
  return [page.route, ...page.additionalRoutes].map(normalizeRoute);
}

function readPage(pagesDir: string, metadataFile: string): DashboardPageEntry {
  const metadataPath = path.join(pagesDir, metadataFile);
  const folder = path.dirname(metadataFile);
  const component = path.join(pagesDir, folder, 'page.tsx');
  if (!fs.existsSync(component)) throw new Error(`${metadataPath}: there is no page.tsx beside it`);

  let metadata: unknown;
  try {
    metadata = JSON.parse(fs.readFileSync(metadataPath, 'utf8'));
  } catch (error) {
    throw new Error(`${metadataPath}: not valid JSON (${(error as Error).message})`);
  }
  const { id, title, additionalRoutes = [] } = (metadata ?? {}) as Record<string, unknown>;
  if (typeof id !== 'string' || !GUID.test(id)) throw new Error(`${metadataPath}: "id" must be a GUID`);
  if (typeof title !== 'string' || !title.trim()) throw new Error(`${metadataPath}: "title" must be a non-empty string`);
  if (!Array.isArray(additionalRoutes) || !additionalRoutes.every((route) => typeof route === 'string')) {
    throw new Error(`${metadataPath}: "additionalRoutes" must be a list of routes`);
  }
  return {
    id,
    title,
    route: folder === '.' ? '' : folder.split(path.sep).join('/'),
    additionalRoutes: additionalRoutes.map(normalizeRoute),
    component,
  };
}

/**
 * Where the local dashboard host serves an app's pages: under `/dashboard`, each at the route its
 * folder under `src/dashboard/pages` gives it (the root page at `/dashboard`), and at the
 * `additionalRoutes` of its page.json. Used by the server (which paths are pages) and by the host
 * page (which page a path shows).
 */
export const DASHBOARD_PATH = '/dashboard';

export interface RoutedPage {
  /** The page's folder relative to the pages folder, `/`-separated; '' for the root page. */
  route: string;
  additionalRoutes: readonly string[];
}

/** A route as written ('/products/', 'products') in one form: no leading or trailing slash. */
export function normalizeRoute(route: string): string {
  return route.replace(/^\/+|\/+$/g, '');
}

export function pathOfRoute(route: string): string {
  const normalized = normalizeRoute(route);
  return normalized ? `${DASHBOARD_PATH}/${normalized}` : DASHBOARD_PATH;
}

/** The page a request path shows, if any. */
export function pageAtPath<T extends RoutedPage>(pages: readonly T[], pathname: string): T | undefined {
  if (pathname !== DASHBOARD_PATH && !pathname.startsWith(`${DASHBOARD_PATH}/`)) return undefined;
  const route = normalizeRoute(pathname.slice(DASHBOARD_PATH.length));
  return (
    pages.find((page) => normalizeRoute(page.route) === route) ??
    pages.find((page) => page.additionalRoutes.some((extra) => normalizeRoute(extra) === route))
  );
}

/** The pages the local hosts serve, relative to local/: the dashboard, a site page with the widget, the editor with its panel. */
export const HOST_PAGES = {
  dashboard: 'dashboard-host/index.html',
  site: 'site-host/index.html',
  editor: 'site-host/editor.html',
} as const;

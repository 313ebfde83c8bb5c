/**
 * A language's catalog as the site widget imports it (`./catalogs/<language>.json?widget.json`, see
 * `widget-i18n.ts`): Vite makes each top-level group a named export of its own, and the build
 * keeps only the groups the widget reads.
 */
declare module '*.json?widget.json' {
  export const common: Record<string, unknown>;
  export const field: Record<string, unknown>;
  export const violation: Record<string, unknown>;
  export const refusal: Record<string, unknown>;
  export const broken: Record<string, unknown>;
  export const failure: Record<string, unknown>;
  export const widget: Record<string, unknown>;
}

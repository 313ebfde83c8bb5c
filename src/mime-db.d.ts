/** mime-db ships its table as JSON with no typings: the part the app reads. */
declare module 'mime-db' {
  const db: Record<string, { extensions?: string[] }>;
  export default db;
}

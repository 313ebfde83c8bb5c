/**
 * The shape of a Wix Data collection an app declares (a Data Collections extension in the app
 * dashboard): an id suffix under the app's namespace, its fields, and who may do what with its
 * items. The local Wix serves exactly the declared collections and enforces these permissions.
 */

/** Who may do an action: the site's admins (Wix users), logged-in members, or anyone. */
export type DataRole = 'ADMIN' | 'SITE_MEMBER' | 'ANYONE';

export type DataAction = 'read' | 'insert' | 'update' | 'remove';

export type DataFieldType = 'TEXT' | 'NUMBER' | 'BOOLEAN' | 'DATETIME' | 'URL' | 'ARRAY_STRING' | 'OBJECT';

export interface DataFieldDeclaration {
  key: string;
  displayName: string;
  type: DataFieldType;
}

export interface DataCollectionDeclaration {
  /** The full id the SDK is called with: `<app namespace>/<idSuffix>`. */
  id: string;
  idSuffix: string;
  displayName: string;
  fields: readonly DataFieldDeclaration[];
  permissions: Readonly<Record<DataAction, DataRole>>;
}

/** Joins an app namespace (e.g. "@my-studio/uploader") and an id suffix into a collection id. */
export function namespacedCollectionId(namespace: string, idSuffix: string): string {
  return `${namespace}/${idSuffix}`;
}

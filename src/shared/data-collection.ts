/**
 * The shape of a Wix Data collection an app declares (a Data Collections extension in the app
 * dashboard): an id suffix under the app's namespace, its fields, and who may do what with its
 * items, in Wix's own words. The local Wix serves exactly the declared collections and enforces
 * these permissions as Wix documents them.
 */

/**
 * The access levels of Wix Data permissions (the Data Permissions API's AccessLevel,
 * @wix/auto_sdk_data_permissions; https://dev.wix.com/docs/api-reference/business-solutions/cms/collection-management/data-permissions/data-permissions-object).
 * Each level includes the ones after it:
 * - ANYONE: anyone, site visitors included;
 * - SITE_MEMBER: logged-in site members and the site's collaborators;
 * - SITE_MEMBER_AUTHOR: the same, but a member reaches only the items they created;
 * - CMS_EDITOR: collaborators with a CMS editor role;
 * - PRIVILEGED: the site's administrators and collaborators, or roles with special permissions.
 * The app's own elevated calls (auth.elevate) pass every level.
 */
export type DataAccessLevel = 'ANYONE' | 'SITE_MEMBER' | 'SITE_MEMBER_AUTHOR' | 'CMS_EDITOR' | 'PRIVILEGED';

/** A collection's item permissions, as Wix names them (Data Permissions: itemRead, itemInsert, itemUpdate, itemRemove). */
export interface DataPermissions {
  itemRead: DataAccessLevel;
  itemInsert: DataAccessLevel;
  itemUpdate: DataAccessLevel;
  itemRemove: DataAccessLevel;
}

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
  permissions: Readonly<DataPermissions>;
}

/** Joins an app namespace (e.g. "@my-studio/uploader") and an id suffix into a collection id. */
export function namespacedCollectionId(namespace: string, idSuffix: string): string {
  return `${namespace}/${idSuffix}`;
}

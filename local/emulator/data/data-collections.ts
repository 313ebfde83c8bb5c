import { WixApiError } from '../platform/api-error.js';
import type { Identity, SubjectType } from '../platform/identity.js';

/** Wix Data's access levels (the Data Permissions API's AccessLevel, @wix/auto_sdk_data_permissions). */
export type AccessLevel = 'ANYONE' | 'SITE_MEMBER' | 'SITE_MEMBER_AUTHOR' | 'CMS_EDITOR' | 'PRIVILEGED';
export type ItemAction = 'itemRead' | 'itemInsert' | 'itemUpdate' | 'itemRemove';

/** A collection of the local site: its id and its item permissions, in Wix's words. */
export interface CollectionDefinition {
  id: string;
  permissions: Readonly<Record<ItemAction, AccessLevel>>;
}

/**
 * Which identities of the local site each level admits, as the AccessLevel documentation reads:
 * ANYONE, visitors included; SITE_MEMBER, logged-in members and collaborators; SITE_MEMBER_AUTHOR,
 * the same but a member reaches only the items they created; CMS_EDITOR, collaborators with a CMS
 * role; PRIVILEGED, the site's administrators. The local site's one Wix user (USER) is its owner,
 * an administrator; the app's elevated identity (APP) passes every level.
 */
const ADMITTED: Record<AccessLevel, readonly SubjectType[]> = {
  ANYONE: ['VISITOR', 'MEMBER', 'USER', 'APP'],
  SITE_MEMBER: ['MEMBER', 'USER', 'APP'],
  SITE_MEMBER_AUTHOR: ['MEMBER', 'USER', 'APP'],
  CMS_EDITOR: ['USER', 'APP'],
  PRIVILEGED: ['USER', 'APP'],
};

/** What the caller may do: the collection, and whether only the items they created are within reach. */
export interface Authorization {
  collection: CollectionDefinition;
  /** Only items whose _owner is this subject id (a member on a SITE_MEMBER_AUTHOR action); else all. */
  ownItemsOf?: string;
}

/**
 * The collections of the local site: the ones the app declares, no others. Errors as Wix Data
 * answers them (Wix Data error codes, https://dev.wix.com/docs/sdk/backend-modules/data/error-codes):
 * WDE0025 for a collection that does not exist, WDE0027 for an action the caller may not do.
 */
export class DataCollections {
  private readonly byId: ReadonlyMap<string, CollectionDefinition>;

  constructor(definitions: readonly CollectionDefinition[]) {
    this.byId = new Map(definitions.map((definition) => [definition.id, definition]));
  }

  /** What the identity may reach of the collection for the action; else the Wix Data error. */
  authorize(collectionId: string, identity: Identity, action: ItemAction): Authorization {
    const collection = this.byId.get(collectionId);
    if (!collection) {
      throw WixApiError.known(
        'WDE0025',
        `The ${collectionId} collection does not exist. You cannot work with a collection using code before you create it.`,
      );
    }
    const level = collection.permissions[action];
    if (!ADMITTED[level].includes(identity.subjectType)) throw refused(collectionId, action);
    const ownOnly = level === 'SITE_MEMBER_AUTHOR' && identity.subjectType === 'MEMBER';
    return ownOnly ? { collection, ownItemsOf: identity.subjectId } : { collection };
  }
}

const VERBS: Record<ItemAction, string> = { itemRead: 'read', itemInsert: 'insert', itemUpdate: 'update', itemRemove: 'remove' };

export function refused(collectionId: string, action: ItemAction): WixApiError {
  return WixApiError.known('WDE0027', `The current user does not have permissions to ${VERBS[action]} on the ${collectionId} collection.`);
}

import type { DataAction, DataCollectionDeclaration, DataRole } from '../../../src/shared/data-collection.js';
import { WixApiError } from '../platform/api-error.js';
import type { Identity, SubjectType } from '../platform/identity.js';

/** Which identities each role admits; the app's own (elevated) identity may do anything. */
const ADMITTED: Record<DataRole, readonly SubjectType[]> = {
  ADMIN: ['USER', 'APP'],
  SITE_MEMBER: ['MEMBER', 'USER', 'APP'],
  ANYONE: ['VISITOR', 'MEMBER', 'USER', 'APP'],
};

/**
 * The collections of the local site: the ones the app declares, no others. Errors as Wix Data
 * answers them (Wix Data error codes, https://dev.wix.com/docs/sdk/backend-modules/data/error-codes):
 * WDE0025 for a collection that does not exist, WDE0027 for an action the caller may not do.
 */
export class DataCollections {
  private readonly byId: ReadonlyMap<string, DataCollectionDeclaration>;

  constructor(declarations: readonly DataCollectionDeclaration[]) {
    this.byId = new Map(declarations.map((declaration) => [declaration.id, declaration]));
  }

  /** The collection, if the identity may do the action on its items; else the Wix Data error. */
  authorize(collectionId: string, identity: Identity, action: DataAction): DataCollectionDeclaration {
    const collection = this.byId.get(collectionId);
    if (!collection) {
      throw WixApiError.known(
        'WDE0025',
        `The ${collectionId} collection does not exist. You cannot work with a collection using code before you create it.`,
      );
    }
    if (!ADMITTED[collection.permissions[action]].includes(identity.subjectType)) {
      throw WixApiError.known('WDE0027', `The current user does not have permissions to ${action} on the ${collectionId} collection.`);
    }
    return collection;
  }
}

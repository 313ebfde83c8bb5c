import { items } from '@wix/data';
import { auth } from '@wix/essentials';
import type { DataCollectionDeclaration } from '../shared/data-collection';
import type { AppSetupResult } from '../shared/upload-methods';
import { APP_NAMESPACE, DATA_COLLECTIONS } from './data-collections';
import { isDataRefused, isMissingCollection } from '../shared/wix-errors';

const NAMESPACE_ADVICE = `APP_NAMESPACE in src/backend/data-collections.ts ("${APP_NAMESPACE}") is not the namespace Wix gave the app (Develop → Extensions → Data Collections shows it)`;
const CMS_ADVICE = "the site has no CMS (Wix creates an app's collections only on sites with the CMS: add it, then reinstall the app)";

/**
 * What to tell the site owner (and the developer) when collections of the app are not on the site.
 * None of them: the site has no CMS, or the namespace is wrong (every id carries it). Some: those
 * were not created in the app's Data Collections extension.
 */
export function missingCollectionsReason(missing: readonly string[], noneExists: boolean): string {
  const list = missing.join(', ');
  if (noneExists)
    return `None of the app's collections exist on this site (looked for ${list}). Either ${CMS_ADVICE}, or ${NAMESPACE_ADVICE}.`;
  return `Some of the app's collections do not exist on this site: ${list}. Create them in the app's Data Collections extension as src/backend/data-collections.ts declares them, then reinstall the app.`;
}

/** A Data call on a missing collection of the app, with what to set: thrown where a bare 404 would be. */
export class AppSetupError extends Error {
  constructor(collectionId: string) {
    super(
      `The app's collection ${collectionId} does not exist on this site. Either ${CMS_ADVICE}, or ${NAMESPACE_ADVICE}, or the collection was not created.`,
    );
    this.name = 'AppSetupError';
  }
}

/** Runs a Wix Data call on one of the app's collections; a missing collection throws an AppSetupError naming the setting. */
export async function onAppCollection<T>(collection: Pick<DataCollectionDeclaration, 'id'>, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isMissingCollection(error)) throw new AppSetupError(collection.id);
    throw error;
  }
}

/**
 * Whether the app can work on this site: each of its collections answers a read (elevated). One
 * clear reason when not, so the page says what is wrong instead of failing on every call.
 */
export async function checkAppSetup(collections: readonly DataCollectionDeclaration[] = DATA_COLLECTIONS): Promise<AppSetupResult> {
  const missing: string[] = [];
  for (const collection of collections) {
    try {
      await auth.elevate(items.query)(collection.id).limit(1).find();
    } catch (error) {
      if (isMissingCollection(error)) {
        missing.push(collection.id);
        continue;
      }
      if (isDataRefused(error)) {
        return {
          ok: false,
          missingCollections: [],
          reason:
            "The app may not use Wix Data on this site: request Wix Data read and write (SCOPE.DC-DATA.READ, SCOPE.DC-DATA.WRITE) in the app's permissions, then accept them on the site.",
        };
      }
      throw error;
    }
  }
  if (missing.length === 0) return { ok: true };
  return { ok: false, missingCollections: missing, reason: missingCollectionsReason(missing, missing.length === collections.length) };
}

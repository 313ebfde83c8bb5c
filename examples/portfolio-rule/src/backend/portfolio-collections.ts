import { namespacedCollectionId, type DataCollectionDeclaration } from '../../../../src/shared/data-collection';

/** The example's namespace; a real extension uses the app's own (src/backend/data-collections.ts). */
export const EXAMPLE_NAMESPACE = '@resumable-media-uploader/app';

/**
 * A second collection, declared the way the app declares its own: the portfolio, one item per
 * file labelled "portfolio". Anyone may read it (a site page can list it); only the site's administrators (and the app, elevated) write.
 */
export const PORTFOLIO: DataCollectionDeclaration = {
  id: namespacedCollectionId(EXAMPLE_NAMESPACE, 'portfolio'),
  idSuffix: 'portfolio',
  displayName: 'Portfolio',
  fields: [
    { key: 'title', displayName: 'Title', type: 'TEXT' },
    { key: 'url', displayName: 'URL', type: 'URL' },
    { key: 'mediaType', displayName: 'Media type', type: 'TEXT' },
  ],
  permissions: { itemRead: 'ANYONE', itemInsert: 'PRIVILEGED', itemUpdate: 'PRIVILEGED', itemRemove: 'PRIVILEGED' },
};

export const PORTFOLIO_LABEL = 'portfolio';

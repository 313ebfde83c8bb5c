import { items } from '@wix/data';
import { auth } from '@wix/essentials';
import { files } from '@wix/media';
import { PORTFOLIO, PORTFOLIO_LABEL } from '../../portfolio-collections';

/**
 * A rule on uploads: a file labelled "portfolio" that becomes READY is copied into the portfolio.
 * An event handler has no identity of its own, so its Wix Data call is elevated; saving by file id
 * makes a second delivery of the same event harmless.
 */
files.onFileDescriptorFileReady(async (event) => {
  const file = event.data.file;
  const fileId = event.metadata.entityId ?? file?._id;
  if (!fileId || !file?.labels?.includes(PORTFOLIO_LABEL) || file.private) return;
  await auth.elevate(items.save)(PORTFOLIO.id, { _id: fileId, title: file.displayName, url: file.url, mediaType: file.mediaType });
});

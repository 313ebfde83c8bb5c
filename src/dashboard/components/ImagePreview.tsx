import React, { useEffect, useState, type FC } from 'react';
import { Image } from '@wix/design-system';
import { useI18n } from '../../i18n/use-i18n';
import { isOpened, type StagedSource } from '../staging';
import { openEntry } from '../files/picked-files';

/** Types every browser draws; others get no preview rather than a broken image. */
const PREVIEWABLE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);
/** The same by name, for a dropped file not opened yet (the browser types a File by its extension too). */
const PREVIEWABLE_NAME = /\.(jpe?g|png|gif|webp|avif|bmp)$/i;

/**
 * A small preview of an image chosen for upload, read from the file itself; nothing for other
 * files. A dropped image not opened yet is opened for it (only the rows drawn are: the list is virtualized).
 */
export const ImagePreview: FC<{ source: StagedSource; size: number }> = ({ source, size }) => {
  const { t } = useI18n();
  const [url, setUrl] = useState<string>();
  /** What the preview is read from: the image's File, or the entry of a dropped image not opened yet. */
  const image = isOpened(source)
    ? source.data instanceof Blob && PREVIEWABLE.has(source.type)
      ? source.data
      : undefined
    : !source.unreadable && PREVIEWABLE_NAME.test(source.name)
      ? source.entry
      : undefined;
  useEffect(() => {
    if (!image || typeof URL.createObjectURL !== 'function') return;
    let objectUrl: string | undefined;
    let cancelled = false;
    const show = (blob: Blob) => {
      if (cancelled) return;
      objectUrl = URL.createObjectURL(blob);
      setUrl(objectUrl);
    };
    if (image instanceof Blob) show(image);
    else void openEntry(image).then((file) => typeof file !== 'string' && show(file));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [image]);
  if (!url) return null;
  return (
    <Image src={url} width={size} height={size} fit="cover" alt={t('staged.preview', { name: source.name })} dataHook="image-preview" />
  );
};

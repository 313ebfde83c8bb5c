import React, { useEffect, useState, type FC } from 'react';
import { Image } from '@wix/design-system';
import type { UploadSource } from '../../upload-engine';
import { useI18n } from '../../i18n/use-i18n';

/** Types every browser draws; others get no preview rather than a broken image. */
const PREVIEWABLE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

/** A small preview of an image chosen for upload, read from the file itself; nothing for other files. */
export const ImagePreview: FC<{ source: UploadSource; size: number }> = ({ source, size }) => {
  const { t } = useI18n();
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const { data } = source;
    if (!(data instanceof Blob) || !PREVIEWABLE.has(source.type) || typeof URL.createObjectURL !== 'function') return;
    const objectUrl = URL.createObjectURL(data);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [source]);
  if (!url) return null;
  return (
    <Image src={url} width={size} height={size} fit="cover" alt={t('staged.preview', { name: source.name })} dataHook="image-preview" />
  );
};

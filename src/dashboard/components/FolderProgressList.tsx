import React, { memo, type FC } from 'react';
import { Box, Text } from '@wix/design-system';
import type { FolderProgress } from '../../upload-engine';
import { NamedProgressBar } from './NamedProgressBar';
import { usePhoneLayout } from '../hooks/use-narrow-layout';
import { useI18n } from '../../i18n/use-i18n';

/** Folders shown one by one; a drop of more top-level folders says how many others there are. */
const MAX_FOLDERS_SHOWN = 8;

interface Props {
  folders: readonly FolderProgress[];
}

/** Progress per folder dropped or picked whole: its name, files ready of all, bytes, and whether it is still on its way. */
const FolderProgressListView: FC<Props> = ({ folders }) => {
  const { t, bytes, number } = useI18n();
  const phone = usePhoneLayout();
  if (folders.length === 0) return null;
  const shown = folders.slice(0, MAX_FOLDERS_SHOWN);
  const stateOf = (folder: FolderProgress) =>
    folder.state === 'busy'
      ? t('summary.folderBusy')
      : folder.state === 'done'
        ? t('summary.folderDone')
        : t('summary.folderNotSent', { notSent: number(folder.notSent) });
  return (
    <section aria-label={t('summary.folders')} data-hook="folder-progress">
      <Box direction="vertical" gap="SP2">
        <Text size="small" weight="bold">
          {t('summary.folders')}
        </Text>
        {shown.map((folder) => (
          <Box
            key={folder.name}
            direction={phone ? 'vertical' : 'horizontal'}
            gap={phone ? 'SP1' : 'SP3'}
            verticalAlign="middle"
            dataHook="folder-row"
          >
            <Box width={phone ? '100%' : '25%'} minWidth="0">
              <Text size="small" ellipsis dataHook="folder-name">
                {folder.name}
              </Text>
            </Box>
            <Box width={phone ? '100%' : '30%'}>
              <NamedProgressBar
                name={t('summary.folderProgressName', { name: folder.name })}
                value={folder.bytesTotal === 0 ? 0 : Math.floor((folder.bytesUploaded / folder.bytesTotal) * 100)}
              />
            </Box>
            <Text
              size="small"
              secondary={folder.state !== 'ended'}
              skin={folder.state === 'ended' ? 'error' : 'standard'}
              dataHook="folder-counts"
            >
              {[
                t('summary.folderFiles', { ready: number(folder.ready), files: number(folder.files) }),
                t('common.bytesOf', { done: bytes(folder.bytesUploaded), total: bytes(folder.bytesTotal) }),
                stateOf(folder),
              ].join(' · ')}
            </Text>
          </Box>
        ))}
        {folders.length > shown.length ? (
          <Text size="small" secondary>
            {t('summary.foldersMore', { more: number(folders.length - shown.length) })}
          </Text>
        ) : null}
      </Box>
    </section>
  );
};

/** Re-rendered only when its folders change (a new list with each new snapshot of the queue). */
export const FolderProgressList = memo(FolderProgressListView);

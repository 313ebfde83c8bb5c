import React, { type FC } from 'react';
import { Box, Dropdown, FormField, Text, TextButton } from '@wix/design-system';
import { useFolders } from '../hooks/use-folders';
import { MEDIA_ROOT_FOLDER_ID } from '../../shared/media-folders';
import type { FolderSummary } from '../../shared/upload-methods';
import { sayCollapsedWhenClosed } from './wds-aria';
import { useI18n } from '../../i18n/use-i18n';
import type { Translate } from '../../i18n/translator';

interface Props {
  /** The chosen folder and the folders above it, from the top level down; empty for the top level. */
  path: readonly FolderSummary[];
  onChange(path: FolderSummary[]): void;
}

/**
 * The destination in the Media Manager's folder tree: the way down to the chosen folder, each step
 * a link back up, and the chosen folder's subfolders, read only when it is chosen.
 */
export const FolderPicker: FC<Props> = ({ path, onChange }) => {
  const { t } = useI18n();
  const current = path.at(-1)?.id ?? MEDIA_ROOT_FOLDER_ID;
  const children = useFolders(current);
  const options = children.folders.map((folder) => ({ id: folder.id, value: folder.displayName }));
  return (
    <FormField
      label={t('folder.label')}
      id="destination-folder"
      status={children.error ? 'error' : undefined}
      statusMessage={children.error}
    >
      <Box direction="vertical" gap="SP2">
        <Box gap="SP1" verticalAlign="middle" flexWrap="wrap" dataHook="destination-path">
          {[{ id: MEDIA_ROOT_FOLDER_ID, displayName: t('common.mediaManager') }, ...path].map((folder, index, all) =>
            index === all.length - 1 ? (
              <Text size="small" weight="bold" key={folder.id} ellipsis>
                {folder.displayName}
              </Text>
            ) : (
              <Box key={folder.id} gap="SP1" verticalAlign="middle">
                <TextButton
                  size="small"
                  onClick={() => onChange(path.slice(0, index))}
                  ariaLabel={t('folder.uploadTo', { name: folder.displayName })}
                >
                  {folder.displayName}
                </TextButton>
                <Text size="small" secondary aria-hidden="true">
                  /
                </Text>
              </Box>
            ),
          )}
        </Box>
        <div key={current} ref={sayCollapsedWhenClosed}>
          <Dropdown
            id="destination-folder"
            ariaLabel={t('folder.subfolderOf')}
            placeholder={children.loading ? t('folder.loading') : options.length > 0 ? t('folder.goInto') : t('folder.none')}
            disabled={options.length === 0}
            options={options}
            onSelect={(option) => {
              const chosen = children.folders.find((folder) => folder.id === option.id);
              if (chosen) onChange([...path, chosen]);
            }}
            dataHook="destination-folder"
          />
        </div>
      </Box>
    </FormField>
  );
};

/** How a destination reads: "Media Manager / clients / 2026" (the top level by its name in `t`'s language). */
export function folderPathLabel(t: Translate, path: readonly Pick<FolderSummary, 'displayName'>[]): string {
  return [t('common.mediaManager'), ...path.map((folder) => folder.displayName)].join(' / ');
}

import React, { useState, type FC } from 'react';
import { Box, Button, Card, Dropdown, FormField, InfoIcon, Input, Tag, ToggleSwitch, Text } from '@wix/design-system';
import { MEDIA_ROOT_FOLDER_ID, UPLOAD_REQUEST_LIMITS } from '../../shared/upload-request';
import type { FolderSummary } from '../../shared/upload-api';
import type { UploadSettings } from '../staging';

interface Props {
  settings: UploadSettings;
  folders: FolderSummary[];
  foldersError?: string;
  selectedCount: number;
  onChange(settings: UploadSettings): void;
  onApplyToSelected(): void;
}

/** Destination, labels and privacy for the files added next, or for the selected files. */
export const UploadSettingsForm: FC<Props> = ({ settings, folders, foldersError, selectedCount, onChange, onApplyToSelected }) => {
  const [label, setLabel] = useState('');
  const options = [
    { id: MEDIA_ROOT_FOLDER_ID, value: 'Media Manager (top level)' },
    ...folders.map((folder) => ({ id: folder.id, value: folder.displayName })),
  ];
  const addLabel = () => {
    const value = label.trim();
    if (value && !settings.labels.includes(value)) onChange({ ...settings, labels: [...settings.labels, value] });
    setLabel('');
  };

  return (
    <Card>
      <Card.Header title="Upload settings" subtitle="Used for files you add next; apply them to selected files below to change those." />
      <Card.Divider />
      <Card.Content>
        <Box direction="vertical" gap="SP4">
          <FormField
            label="Destination folder"
            id="destination-folder"
            statusMessage={foldersError}
            status={foldersError ? 'error' : undefined}
          >
            <Dropdown
              id="destination-folder"
              ariaLabel="Destination folder"
              options={options}
              selectedId={settings.parentFolderId}
              onSelect={(option) => onChange({ ...settings, parentFolderId: String(option.id) })}
              dataHook="destination-folder"
            />
          </FormField>
          <FormField
            label="New subfolders (optional)"
            id="new-path"
            // Not infoContent: FormField gives that icon (a role="button") no accessible name.
            suffix={
              <InfoIcon
                size="small"
                ariaLabel="About new subfolders"
                content={`Created under the destination when missing, e.g. videos/2024. At most ${UPLOAD_REQUEST_LIMITS.filePathMaxLength} characters.`}
              />
            }
          >
            <Input
              id="new-path"
              ariaLabel="New subfolders"
              placeholder="videos/2024/december"
              value={settings.filePath}
              onChange={(event) => onChange({ ...settings, filePath: event.target.value })}
              dataHook="new-path"
            />
          </FormField>
          <FormField label="Labels" id="new-label">
            <Box direction="vertical" gap="SP2">
              <Box gap="SP2">
                <Input
                  id="new-label"
                  ariaLabel="New label"
                  placeholder="Add a label and press Enter"
                  value={label}
                  onChange={(event) => setLabel(event.target.value)}
                  onEnterPressed={addLabel}
                  dataHook="new-label"
                />
                <Button size="small" priority="secondary" onClick={addLabel} disabled={label.trim() === ''}>
                  Add
                </Button>
              </Box>
              <Box gap="SP1" flexWrap="wrap">
                {settings.labels.map((value) => (
                  // Tag's remove button is an icon with no accessible name (and Tag takes no label for it): name it here.
                  <span
                    key={value}
                    style={{ display: 'contents' }}
                    ref={(span) => span?.querySelector('button')?.setAttribute('aria-label', `Remove label ${value}`)}
                  >
                    <Tag
                      id={value}
                      size="small"
                      onRemove={() => onChange({ ...settings, labels: settings.labels.filter((l) => l !== value) })}
                    >
                      {value}
                    </Tag>
                  </span>
                ))}
              </Box>
            </Box>
          </FormField>
          <Box gap="SP2" verticalAlign="middle">
            <ToggleSwitch
              id="private-files"
              checked={settings.private}
              onChange={() => onChange({ ...settings, private: !settings.private })}
              dataHook="private-files"
            />
            <label htmlFor="private-files">
              <Text size="small">Private (visitors cannot see these files)</Text>
            </label>
          </Box>
          <Box>
            <Button
              size="small"
              priority="secondary"
              disabled={selectedCount === 0}
              onClick={onApplyToSelected}
              dataHook="apply-to-selected"
            >
              {selectedCount > 0 ? `Apply to ${selectedCount} selected file${selectedCount === 1 ? '' : 's'}` : 'Apply to selected files'}
            </Button>
          </Box>
        </Box>
      </Card.Content>
    </Card>
  );
};

import type { Wording } from '../../i18n/describe';
import React, { memo, useState, type FC } from 'react';
import { Box, Button, Card, FormField, InfoIcon, Input, Tag, ToggleSwitch, Text } from '@wix/design-system';
import { splitFilePath, UPLOAD_REQUEST_LIMITS } from '../../policies/upload-request-policy';
import { MEDIA_ROOT_FOLDER_ID } from '../../shared/media-folders';
import { folderPathViolation, nameViolation } from '../../policies/upload-request-policy';
import type { UploadSettings } from '../staging';
import { FolderPicker } from './FolderPicker';
import { inactive } from './inactive';
import { useI18n } from '../../i18n/use-i18n';
import { describeViolation } from '../../i18n/describe';

interface Props {
  settings: UploadSettings;
  selectedCount: number;
  onChange(settings: UploadSettings): void;
  onApplyToSelected(): void;
}

/**
 * The most characters the owner may type as new subfolders: Wix takes a filePath of at most 100
 * characters, and the app sends what was typed with a leading "/" ("videos/2024" as "/videos/2024").
 */
export const SUBFOLDERS_MAX_LENGTH = UPLOAD_REQUEST_LIMITS.filePathMaxLength - 1;

/** Why the typed subfolders cannot be used, counted as typed (without the "/" the app adds), or undefined. */
export function subfoldersProblem(speech: Wording, typed: string): string | undefined {
  const folders = splitFilePath(typed);
  if (folders.length === 0) return undefined;
  const relative = folders.join('/');
  const violation = folderPathViolation(relative, 'filePath', SUBFOLDERS_MAX_LENGTH);
  return violation ? describeViolation(speech, violation, speech.t('settings.subfoldersField')) : undefined;
}

/** Why a typed label cannot be added, or undefined; an empty field is not a problem yet. */
export function labelProblem(speech: Wording, typed: string, labels: readonly string[]): string | undefined {
  const value = typed.trim();
  if (value === '') return undefined;
  if (labels.includes(value)) return speech.t('settings.labelAdded');
  if (labels.length >= UPLOAD_REQUEST_LIMITS.labelsMaxItems)
    return speech.t('settings.labelsMax', { count: UPLOAD_REQUEST_LIMITS.labelsMaxItems });
  const violation = nameViolation(value, 'label', UPLOAD_REQUEST_LIMITS.labelMaxLength);
  return violation ? describeViolation(speech, violation, speech.t('field.label')) : undefined;
}

/** Destination, labels and privacy for the files added next, or for the selected files. */
const UploadSettingsFormView: FC<Props> = ({ settings, selectedCount, onChange, onApplyToSelected }) => {
  const speech = useI18n();
  const { t } = speech;
  const [label, setLabel] = useState('');
  const pathProblem = subfoldersProblem(speech, settings.filePath);
  const newLabelProblem = labelProblem(speech, label, settings.labels);
  const addLabel = () => {
    const value = label.trim();
    if (value === '' || newLabelProblem) return;
    onChange({ ...settings, labels: [...settings.labels, value] });
    setLabel('');
  };

  return (
    <Card>
      <Card.Header title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Card.Divider />
      <Card.Content>
        <Box direction="vertical" gap="SP4">
          <FolderPicker
            path={settings.destination}
            onChange={(destination) =>
              onChange({ ...settings, destination, parentFolderId: destination.at(-1)?.id ?? MEDIA_ROOT_FOLDER_ID })
            }
          />
          <FormField
            label={t('settings.newSubfolders')}
            id="new-path"
            status={pathProblem ? 'error' : undefined}
            statusMessage={pathProblem}
            // Not infoContent: FormField gives that icon (a role="button") no accessible name.
            suffix={
              <InfoIcon
                size="small"
                ariaLabel={t('settings.aboutSubfolders')}
                content={t('settings.subfoldersInfo', { max: SUBFOLDERS_MAX_LENGTH })}
              />
            }
          >
            <Input
              id="new-path"
              ariaLabel={t('settings.subfoldersName')}
              placeholder={t('settings.subfoldersExample')}
              value={settings.filePath}
              status={pathProblem ? 'error' : undefined}
              onChange={(event) => onChange({ ...settings, filePath: event.target.value })}
              dataHook="new-path"
            />
          </FormField>
          <FormField
            label={t('settings.labels')}
            id="new-label"
            status={newLabelProblem ? 'error' : undefined}
            statusMessage={newLabelProblem}
          >
            <Box direction="vertical" gap="SP2">
              <Box gap="SP2">
                <Input
                  id="new-label"
                  ariaLabel={t('settings.newLabel')}
                  placeholder={t('settings.labelPlaceholder')}
                  value={label}
                  status={newLabelProblem ? 'error' : undefined}
                  onChange={(event) => setLabel(event.target.value)}
                  onEnterPressed={addLabel}
                  dataHook="new-label"
                />
                <Button
                  size="small"
                  priority="secondary"
                  onClick={addLabel}
                  {...inactive(label.trim() === '' || newLabelProblem !== undefined)}
                >
                  {t('settings.add')}
                </Button>
              </Box>
              <Box gap="SP1" flexWrap="wrap">
                {settings.labels.map((value) => (
                  // Tag's remove button is an icon with no accessible name (and Tag takes no label for it): name it here.
                  <span
                    key={value}
                    style={{ display: 'contents' }}
                    ref={(span) => span?.querySelector('button')?.setAttribute('aria-label', t('settings.removeLabel', { label: value }))}
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
              <Text size="small">{t('settings.private')}</Text>
            </label>
          </Box>
          <Box>
            <Button
              size="small"
              priority="secondary"
              {...inactive(selectedCount === 0 || pathProblem !== undefined)}
              onClick={onApplyToSelected}
              dataHook="apply-to-selected"
            >
              {selectedCount > 0 ? t('settings.applyTo', { count: selectedCount }) : t('settings.applyToSelected')}
            </Button>
          </Box>
        </Box>
      </Card.Content>
    </Card>
  );
};

/** Re-rendered only when its props change, not with every progress tick of the page's queue. */
export const UploadSettingsForm = memo(UploadSettingsFormView);

import React, { memo, type FC } from 'react';
import { Box, Button, Card, Checkbox, Input, Table, Text, TextButton } from '@wix/design-system';
import { ImagePreview } from './ImagePreview';
import { fittedColumns, type FittedColumn } from './table-columns';
import { VISUALLY_HIDDEN } from './visually-hidden';
import { usePhoneLayout } from '../hooks/use-narrow-layout';
import { folderPathLabel } from './FolderPicker';
import type { UploadError } from '../../upload-engine';
import { splitFilePath } from '../../policies/upload-request-policy';
import { MEDIA_ROOT_FOLDER_ID } from '../../shared/media-folders';
import { EXISTING_FILES_LIMITS, type FolderSummary } from '../../shared/upload-methods';
import { sizeKnown, unreadableOf, uploadTakes, type ExistingFileCheck, type StagedFile } from '../staging';
import type { UnreadableReason } from '../files/picked-files';
import { inactive } from './inactive';
import { useI18n } from '../../i18n/use-i18n';
import { describeUploadError } from '../../i18n/describe';

interface Props {
  staged: StagedFile[];
  problems: Map<string, UploadError>;
  /** The check for duplicates, by staged id (a file it does not name is not checked). */
  existing: Map<string, ExistingFileCheck>;
  folders: FolderSummary[];
  selectedIds: string[];
  onSelectionChanged(ids: string[]): void;
  onRename(id: string, displayName: string): void;
  onRemove(ids: string[]): void;
  /** Sends these files though a file of the same name and size is already in their folder. */
  onUploadAsCopies(ids: string[]): void;
  onStart(): void;
  /** Dropped files whose size is still being read. */
  readingSizes?: number;
  /** Files Upload took that go to the queue once read, checked and opened. */
  waitingToSend?: number;
}

const ROW_HEIGHT = 64;
/** A phone's stacked row: the name, the destination (two lines), the size and the check. */
const PHONE_ROW_HEIGHT = 132;
/** The same with a file already in its folder: the check takes two lines and the two choices. */
const PHONE_FLAGGED_ROW_HEIGHT = 172;
const HEADER_HEIGHT = 42;
const VISIBLE_ROWS = 8;
const PHONE_VISIBLE_ROWS = 4;

/** Text whose spaces do not break a line ("1.5 MB", "Dec 7"). */
const unbroken = (text: string) => text.replace(/ /g, '\u00a0');

/** A checkbox named for screen readers only, as a table row's selection shows no label. */
const SelectBox: FC<{ label: string; checked: boolean; indeterminate?: boolean; onChange(): void; dataHook?: string }> = ({
  label,
  checked,
  indeterminate,
  onChange,
  dataHook,
}) => (
  <Checkbox checked={checked} indeterminate={indeterminate} onChange={onChange} dataHook={dataHook}>
    <span style={VISUALLY_HIDDEN}>{label}</span>
  </Checkbox>
);

/** Files chosen but not sent: rename them, select some to change their settings, then start. */
const StagedFilesTableView: FC<Props> = ({
  staged,
  problems,
  existing,
  folders,
  selectedIds,
  onSelectionChanged,
  onRename,
  onRemove,
  onUploadAsCopies,
  onStart,
  readingSizes = 0,
  waitingToSend = 0,
}) => {
  const speech = useI18n();
  const { t, bytes, day } = speech;
  const phone = usePhoneLayout();
  const folderName = (file: StagedFile) => {
    const id = file.meta.parentFolderId ?? MEDIA_ROOT_FOLDER_ID;
    const { destination } = file.settings;
    if (id === MEDIA_ROOT_FOLDER_ID || destination.at(-1)?.id === id)
      return folderPathLabel(t, destination.slice(0, id === MEDIA_ROOT_FOLDER_ID ? 0 : undefined));
    const known = folders.find((folder) => folder.id === id);
    return known ? folderPathLabel(t, [known]) : t('folder.startedIn');
  };
  const sendable = staged.filter((file) => !problems.has(file.id) && uploadTakes(file, existing.get(file.id))).length;
  /** Files already in their folder and no choice made yet: skip them, or upload them as copies. */
  const undecided = staged.filter((file) => existing.get(file.id)?.state === 'exists' && !file.uploadAsCopy).map((file) => file.id);
  const selected = new Set(selectedIds);
  const allSelected = staged.length > 0 && staged.every((file) => selected.has(file.id));
  const toggle = (id: string) => onSelectionChanged(selected.has(id) ? selectedIds.filter((one) => one !== id) : [...selectedIds, id]);

  const selection: FittedColumn<StagedFile> = {
    title: (
      <SelectBox
        label={t('staged.selectAll')}
        checked={allSelected}
        indeterminate={!allSelected && selected.size > 0}
        onChange={() => onSelectionChanged(allSelected ? [] : staged.map((file) => file.id))}
        dataHook="select-all"
      />
    ),
    width: '40px',
    render: (file) => (
      <SelectBox
        label={t('staged.select', { name: file.meta.displayName })}
        checked={selected.has(file.id)}
        onChange={() => toggle(file.id)}
      />
    ),
  };
  const name = (file: StagedFile) => (
    <Box gap="SP2" verticalAlign="middle" width="100%" minWidth={0}>
      <ImagePreview source={file.source} size={40} />
      <Box direction="vertical" gap="SP1" width="100%" minWidth={0}>
        <Input
          size="small"
          ariaLabel={t('staged.displayNameOf', { name: file.source.name })}
          value={file.meta.displayName}
          disabled={file.resumes !== undefined}
          onChange={(event) => onRename(file.id, event.target.value)}
        />
        {file.resumes ? (
          <Text size="tiny" skin="success" ellipsis>
            {t('staged.continues')}
          </Text>
        ) : null}
      </Box>
    </Box>
  );
  /** The folder a file goes to, as the Media Manager shows it: "Media Manager / Videos / 2026". */
  const whereTo = (file: StagedFile) => {
    const subfolders = splitFilePath(file.meta.filePath).join('/');
    return `${folderName(file)}${subfolders ? ` / ${subfolders}` : ''}`;
  };
  const destination = (file: StagedFile, maxLines: number) => {
    const { meta } = file;
    const labels = meta.labels ?? [];
    return (
      <Text size="small" ellipsis maxLines={maxLines} dataHook="staged-destination">
        {whereTo(file)}
        {meta.private ? ` · ${t('common.private')}` : ''}
        {labels.length > 0 ? ` · ${labels.join(', ')}` : ''}
      </Text>
    );
  };
  const unreadableText = (reason: UnreadableReason) => {
    switch (reason) {
      case 'gone':
        return t('staged.unreadableGone');
      case 'permission-denied':
        return t('staged.unreadablePermission');
      case 'changed':
        return t('staged.unreadableChanged');
      default:
        return t('staged.unreadableOther');
    }
  };
  /** Its size (never split across lines), "Reading…" while its metadata is read, a dash when it could not be read. */
  const sizeText = (file: StagedFile) =>
    sizeKnown(file.source) ? unbroken(bytes(file.source.size)) : unreadableOf(file) ? '—' : t('staged.sizeReading');
  const check = (file: StagedFile) => {
    const unreadable = unreadableOf(file);
    if (unreadable) {
      return (
        <Text size="small" skin="error" dataHook="staged-problem" ellipsis maxLines={2}>
          {unreadableText(unreadable)}
        </Text>
      );
    }
    const problem = problems.get(file.id);
    if (problem) {
      return (
        <Text size="small" skin="error" dataHook="staged-problem" ellipsis maxLines={2}>
          {describeUploadError(speech, problem)}
        </Text>
      );
    }
    const found = existing.get(file.id);
    if (found?.state === 'exists') {
      const { sizeInBytes, createdDate } = found.existing;
      // The folder by its own name (its path is in the destination beside or above); a size or a date never split across lines.
      const folder = splitFilePath(file.meta.filePath).at(-1) ?? folderName(file).split(' / ').at(-1) ?? '';
      const facts = { folder, size: unbroken(bytes(Number(sizeInBytes))) };
      const sentence = createdDate
        ? t('staged.existing', { ...facts, date: unbroken(day(createdDate)) })
        : t('staged.existingUndated', facts);
      if (file.uploadAsCopy) {
        return (
          <Text size="small" skin="success" ellipsis maxLines={2} dataHook="staged-copy">
            {t('staged.copyChosen')}
          </Text>
        );
      }
      const name = file.meta.displayName;
      return (
        <Box direction="vertical" gap="SP1" minWidth={0}>
          <Text size="tiny" skin="standard" weight="bold" ellipsis maxLines={2} dataHook="staged-existing">
            {sentence}
          </Text>
          <Box gap="SP2" flexWrap="wrap">
            <TextButton size="tiny" ariaLabel={t('staged.skipNamed', { name })} onClick={() => onRemove([file.id])}>
              {t('staged.skip')}
            </TextButton>
            <TextButton size="tiny" ariaLabel={t('staged.uploadCopyNamed', { name })} onClick={() => onUploadAsCopies([file.id])}>
              {t('staged.uploadCopy')}
            </TextButton>
          </Box>
        </Box>
      );
    }
    if (found?.state === 'checking') {
      return (
        <Text size="small" secondary>
          {t('staged.checkingExisting')}
        </Text>
      );
    }
    if (!sizeKnown(file.source)) {
      return (
        <Text size="small" secondary ellipsis maxLines={2}>
          {t('staged.waitingForSize')}
        </Text>
      );
    }
    return (
      <Text size="small" skin="success" ellipsis maxLines={2}>
        {found?.state === 'unchecked'
          ? t('staged.readyUnchecked')
          : found?.state === 'not-listed'
            ? t('staged.readyNotListed', { count: EXISTING_FILES_LIMITS.filesListedPerFolder })
            : t('staged.ready')}
      </Text>
    );
  };
  const columns = fittedColumns<StagedFile>(
    phone
      ? [
          selection,
          {
            title: t('staged.columnFiles'),
            // A phone's row: the name, then where it goes, then its size and check, stacked.
            render: (file) => (
              <Box direction="vertical" gap="SP1" width="100%" minWidth={0}>
                {name(file)}
                {destination(file, 2)}
                <Box gap="SP2" verticalAlign="top" minWidth={0}>
                  <Text size="small" secondary>
                    {sizeText(file)}
                  </Text>
                  <Box minWidth={0}>{check(file)}</Box>
                </Box>
              </Box>
            ),
          },
        ]
      : [
          selection,
          { title: t('staged.columnName'), width: '30%', render: name },
          { title: t('staged.columnDestination'), render: (file) => destination(file, 2) },
          { title: t('staged.columnSize'), width: '88px', render: (file) => <Text size="small">{sizeText(file)}</Text> },
          { title: t('staged.columnCheck'), width: '24%', render: check },
        ],
  );
  const flagged = phone && staged.some((file) => existing.get(file.id)?.state === 'exists');
  const rowHeight = phone ? (flagged ? PHONE_FLAGGED_ROW_HEIGHT : PHONE_ROW_HEIGHT) : ROW_HEIGHT;
  const actions = (
    <Box gap="SP2" flexWrap="wrap">
      <Button size="small" priority="secondary" {...inactive(selectedIds.length === 0)} onClick={() => onRemove(selectedIds)}>
        {t('staged.removeSelected')}
      </Button>
      <Button size="small" {...inactive(sendable === 0)} onClick={onStart} dataHook="start-upload">
        {t('staged.upload', { count: sendable })}
      </Button>
    </Box>
  );

  return (
    <Card>
      {/* On a phone the buttons go below the title: beside it they would squeeze it to a word a line. */}
      <Card.Header
        title={t('staged.title', { count: staged.length })}
        subtitle={t('staged.subtitle')}
        suffix={phone ? undefined : actions}
      />
      {phone ? <Card.Content>{actions}</Card.Content> : null}
      {readingSizes > 0 || waitingToSend > 0 ? (
        <Card.Content>
          <Box direction="vertical" gap="SP1">
            {readingSizes > 0 ? (
              <Text size="small" secondary dataHook="staged-reading">
                {t('staged.readingSizes', { read: staged.length - readingSizes, count: staged.length })}
              </Text>
            ) : null}
            {waitingToSend > 0 ? (
              <Text size="small" secondary dataHook="staged-waiting">
                {t('staged.sendingAsRead', { count: waitingToSend })}
              </Text>
            ) : null}
          </Box>
        </Card.Content>
      ) : null}
      {undecided.length > 0 ? (
        <Card.Content>
          <Box direction="vertical" gap="SP2" dataHook="staged-existing-all">
            <Text size="small" weight="bold">
              {t('staged.existingCount', { count: undecided.length })}
            </Text>
            <Box gap="SP2" flexWrap="wrap">
              <Button size="small" priority="secondary" onClick={() => onRemove(undecided)}>
                {t('staged.skipAll', { count: undecided.length })}
              </Button>
              <Button size="small" priority="secondary" onClick={() => onUploadAsCopies(undecided)}>
                {t('staged.copyAll', { count: undecided.length })}
              </Button>
            </Box>
          </Box>
        </Card.Content>
      ) : null}
      <Table
        // A new list when the layout changes: virtualized rows keep the height they were first drawn with.
        key={phone ? (flagged ? 'phone-flagged' : 'phone') : 'wide'}
        data={staged}
        columns={columns}
        rowDataHook="staged-row"
        isApplyColumnWidthStyle
        virtualized
        virtualizedTableHeight={HEADER_HEIGHT + rowHeight * Math.min(staged.length, phone ? PHONE_VISIBLE_ROWS : VISIBLE_ROWS)}
        virtualizedLineHeight={rowHeight}
      >
        <Table.Content />
      </Table>
    </Card>
  );
};

/** Re-rendered only when its props change, not with every progress tick of the page's queue. */
export const StagedFilesTable = memo(StagedFilesTableView);

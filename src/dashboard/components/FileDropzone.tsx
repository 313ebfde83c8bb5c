import React, { memo, useRef, type FC } from 'react';
import { Box, Button, Card, Dropzone, Text } from '@wix/design-system';
import { chooseFilesWithHandles, fileHandlesOfDrop } from '../../shared/file-handle-picking';
import {
  droppedFromEntries,
  entriesOfDrop,
  pickedFromFileList,
  pickedWithHandles,
  withDroppedHandles,
  type AddedFile,
} from '../files/picked-files';
import { useI18n } from '../../i18n/use-i18n';

export interface FileDropzoneWording {
  heading: string;
  hint: string;
}

interface Props {
  /** Files picked (opened), or dropped (by their entries: opened when sent). */
  onPicked(files: AddedFile[]): void;
  /** Offer "Choose a folder" (and say folders may be dropped); true by default. */
  allowFolders?: boolean;
  wording?: Partial<FileDropzoneWording>;
}

/**
 * Where files and whole folders are dropped or picked. WDS's Dropzone draws the drop target; the
 * drop's entries are read here too, because a dropped folder must keep its tree.
 */
const FileDropzoneView: FC<Props> = ({ onPicked, allowFolders = true, wording }) => {
  const { t } = useI18n();
  const words = { heading: allowFolders ? t('dropzone.heading') : t('dropzone.headingFiles'), hint: t('dropzone.hint'), ...wording };
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const pendingDrop = useRef<Promise<AddedFile[]>>();

  const setFolderInput = (input: HTMLInputElement | null) => {
    (folderInput as React.MutableRefObject<HTMLInputElement | null>).current = input;
    input?.setAttribute('webkitdirectory', '');
  };

  const onDropCapture = (event: React.DragEvent<HTMLDivElement>) => {
    // Both are asked during the event: the browser empties the drop's items once it returns.
    const handles = fileHandlesOfDrop(event.dataTransfer);
    const entries = droppedFromEntries(entriesOfDrop(event.dataTransfer));
    pendingDrop.current = handles
      ? Promise.all([entries, handles]).then(([picked, byName]) => withDroppedHandles(picked, byName))
      : entries;
  };
  // Where the browser gives handles, files are picked with them, so their uploads continue after a restart without choosing them again.
  const chooseFiles = () =>
    chooseFilesWithHandles(
      () => fileInput.current?.click(),
      (chosen) => onPicked(pickedWithHandles(chosen)),
    );
  const onDrop = (dropped: (File | null)[]) => {
    const drop = pendingDrop.current ?? Promise.resolve([]);
    pendingDrop.current = undefined;
    void drop.then((files) => {
      const picked = files.length > 0 ? files : pickedFromFileList(dropped.filter((file): file is File => file !== null));
      if (picked.length > 0) onPicked(picked);
    });
  };
  const onInputChange = (event: React.ChangeEvent<HTMLInputElement>) => {
    if (event.target.files && event.target.files.length > 0) onPicked(pickedFromFileList(event.target.files));
    event.target.value = '';
  };
  return (
    <div onDropCapture={onDropCapture} data-hook="file-dropzone">
      <Dropzone onDrop={onDrop}>
        <Dropzone.Overlay>
          <Box
            height="100%"
            align="center"
            verticalAlign="middle"
            backgroundColor="B50"
            border="2px dashed"
            borderColor="B10"
            borderRadius="8px"
          >
            <Text weight="bold">{t('dropzone.overlay')}</Text>
          </Box>
        </Dropzone.Overlay>
        <Dropzone.Content>
          <Card>
            {/*
              A named group, not a button: it holds its own buttons (a control inside a control is
              lost to assistive technology), which are the keyboard's way in. A click anywhere else in
              the zone opens the file picker too, for the mouse.
            */}
            {/* biome-ignore lint/a11y/useKeyWithClickEvents: the zone's own buttons are its keyboard equivalent */}
            <fieldset
              aria-label={t('dropzone.group')}
              style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}
              onClick={(event) => {
                if (!(event.target instanceof Element) || !event.target.closest('button')) chooseFiles();
              }}
            >
              <Box direction="vertical" align="center" gap="SP3" padding="SP6" border="2px dashed" borderColor="D50" borderRadius="8px">
                <Text weight="bold">{words.heading}</Text>
                <Text secondary size="small">
                  {words.hint}
                </Text>
                <Box gap="SP2">
                  <Button size="small" onClick={chooseFiles} dataHook="choose-files">
                    {t('dropzone.chooseFiles')}
                  </Button>
                  {allowFolders ? (
                    <Button size="small" priority="secondary" onClick={() => folderInput.current?.click()} dataHook="choose-folder">
                      {t('dropzone.chooseFolder')}
                    </Button>
                  ) : null}
                </Box>
              </Box>
            </fieldset>
          </Card>
        </Dropzone.Content>
      </Dropzone>
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        aria-label={t('dropzone.chooseFiles')}
        data-hook="file-input"
        onChange={onInputChange}
      />
      <input
        ref={setFolderInput}
        type="file"
        multiple
        hidden
        aria-label={t('dropzone.chooseFolder')}
        data-hook="folder-input"
        onChange={onInputChange}
      />
    </div>
  );
};

/** Re-rendered only when its props change, not with every progress tick of the page's queue. */
export const FileDropzone = memo(FileDropzoneView);

import React, { memo, useRef, type FC, type KeyboardEvent } from 'react';
import { Box, Button, Card, Dropzone, Text } from '@wix/design-system';
import { entriesOfDrop, pickedFromEntries, pickedFromFileList, type PickedFile } from '../files/picked-files';

export interface FileDropzoneWording {
  heading: string;
  hint: string;
}

const DEFAULT_WORDING: FileDropzoneWording = {
  heading: 'Drop files or whole folders here',
  hint: 'Videos, archives, print files of many GB: uploads resume after a dropped connection or a reload.',
};

interface Props {
  onPicked(files: PickedFile[]): void;
  /** Offer "Choose a folder" (and say folders may be dropped); true by default. */
  allowFolders?: boolean;
  wording?: Partial<FileDropzoneWording>;
}

/**
 * Where files and whole folders are dropped or picked. WDS's Dropzone draws the drop target; the
 * drop's entries are read here too, because a dropped folder must keep its tree.
 */
const FileDropzoneView: FC<Props> = ({ onPicked, allowFolders = true, wording }) => {
  const words = { ...DEFAULT_WORDING, ...(allowFolders ? {} : { heading: 'Drop files here' }), ...wording };
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const pendingDrop = useRef<Promise<PickedFile[]>>();

  const setFolderInput = (input: HTMLInputElement | null) => {
    (folderInput as React.MutableRefObject<HTMLInputElement | null>).current = input;
    input?.setAttribute('webkitdirectory', '');
  };

  const onDropCapture = (event: React.DragEvent<HTMLDivElement>) => {
    pendingDrop.current = pickedFromEntries(entriesOfDrop(event.dataTransfer));
  };
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
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      fileInput.current?.click();
    }
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
            <Text weight="bold">Drop to add to the list</Text>
          </Box>
        </Dropzone.Overlay>
        <Dropzone.Content>
          <Card>
            {/* biome-ignore lint/a11y/useSemanticElements: the zone holds its own buttons, which a <button> cannot contain */}
            <div
              role="button"
              tabIndex={0}
              aria-label="Add files: drop files or folders here, or press Enter to choose files"
              onKeyDown={onKeyDown}
              // Anywhere in the zone but its own buttons opens the file picker.
              onClick={(event) => {
                if (!(event.target instanceof Element) || !event.target.closest('button')) fileInput.current?.click();
              }}
            >
              <Box direction="vertical" align="center" gap="SP3" padding="SP6" border="2px dashed" borderColor="D50" borderRadius="8px">
                <Text weight="bold">{words.heading}</Text>
                <Text secondary size="small">
                  {words.hint}
                </Text>
                <Box gap="SP2">
                  <Button size="small" onClick={() => fileInput.current?.click()} dataHook="choose-files">
                    Choose files
                  </Button>
                  {allowFolders ? (
                    <Button size="small" priority="secondary" onClick={() => folderInput.current?.click()} dataHook="choose-folder">
                      Choose a folder
                    </Button>
                  ) : null}
                </Box>
              </Box>
            </div>
          </Card>
        </Dropzone.Content>
      </Dropzone>
      <input ref={fileInput} type="file" multiple hidden aria-label="Choose files" data-hook="file-input" onChange={onInputChange} />
      <input
        ref={setFolderInput}
        type="file"
        multiple
        hidden
        aria-label="Choose a folder"
        data-hook="folder-input"
        onChange={onInputChange}
      />
    </div>
  );
};

/** Re-rendered only when its props change, not with every progress tick of the page's queue. */
export const FileDropzone = memo(FileDropzoneView);

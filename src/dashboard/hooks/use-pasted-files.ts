import { useEffect } from 'react';
import { pickedFromFileList, type PickedFile } from '../files/picked-files';

/**
 * Files pasted anywhere on the page (Ctrl+V / Cmd+V, e.g. copied in a file manager or a screenshot)
 * are added like dropped ones; no handler (e.g. another tab is shown): pasting does nothing here.
 */
export function usePastedFiles(onPicked: ((files: PickedFile[]) => void) | undefined): void {
  useEffect(() => {
    if (!onPicked) return;
    const paste = (event: ClipboardEvent) => {
      const files = event.clipboardData?.files;
      if (!files || files.length === 0) return;
      event.preventDefault();
      onPicked(pickedFromFileList(files));
    };
    document.addEventListener('paste', paste);
    return () => document.removeEventListener('paste', paste);
  }, [onPicked]);
}

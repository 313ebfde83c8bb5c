import React, { createContext, useCallback, useContext, useMemo, useState, type FC, type ReactNode } from 'react';
import type { UploadItem } from '../../upload-engine';
import { formatBytes } from '../../shared/format';
import { DestructiveQuestion, type Question } from './DestructiveQuestion';

interface Request {
  items: readonly UploadItem[];
  cancel(): void;
}

/** Asks before cancelling files that already sent bytes: a cancelled upload cannot be continued. */
type AskToCancel = (items: readonly UploadItem[], cancel: () => void) => void;

const CancelContext = createContext<AskToCancel>((_items, cancel) => cancel());

export function useAskToCancel(): AskToCancel {
  return useContext(CancelContext);
}

function question(items: readonly UploadItem[]): Question {
  const sent = items.reduce((sum, item) => sum + item.bytesUploaded, 0);
  const [only] = items;
  const what = items.length === 1 && only ? `"${only.meta.displayName}"` : `${items.length} uploads`;
  // A failed upload is not sending: what keeps its bytes is leaving it, and Retry continues it.
  const sending = items.some((item) => item.state !== 'failed');
  return {
    title: items.length === 1 ? 'Cancel this upload?' : `Cancel ${items.length} uploads?`,
    content: `${formatBytes(sent)} of ${what} already reached the Media Manager. Cancelling deletes it: trying again starts from the beginning. ${
      sending ? 'Pause keeps it instead.' : 'Keep it, and Retry continues it from there.'
    }`,
    confirm: 'Cancel upload',
    keep: sending ? 'Keep uploading' : 'Keep it',
  };
}

/** Gives its children `useAskToCancel()`, and shows the question when asked. */
export const CancelConfirmation: FC<{ children: ReactNode }> = ({ children }) => {
  const [request, setRequest] = useState<Request>();
  const ask = useCallback<AskToCancel>((items, cancel) => {
    if (items.every((item) => item.bytesUploaded === 0)) cancel();
    else setRequest({ items, cancel });
  }, []);
  const asked = useMemo(() => (request ? question(request.items) : undefined), [request]);
  return (
    <CancelContext.Provider value={ask}>
      {children}
      <DestructiveQuestion
        question={asked}
        onConfirm={() => request?.cancel()}
        onClose={() => setRequest(undefined)}
        dataHook="cancel-confirmation"
      />
    </CancelContext.Provider>
  );
};

import React, { createContext, useCallback, useContext, useMemo, useState, type FC, type ReactNode } from 'react';
import type { UploadItem } from '../../upload-engine';
import { type Speech, useI18n } from '../../i18n/use-i18n';
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

function question({ t, bytes }: Speech, items: readonly UploadItem[]): Question {
  const sent = items.reduce((sum, item) => sum + item.bytesUploaded, 0);
  const [only] = items;
  // A failed upload is not sending: what keeps its bytes is leaving it, and Retry continues it.
  const sending = items.some((item) => item.state !== 'failed');
  return {
    title: t('cancel.title', { count: items.length }),
    content: [
      items.length === 1 && only
        ? t('cancel.sentOfFile', { sent: bytes(sent), name: only.meta.displayName })
        : t('cancel.sentOfUploads', { sent: bytes(sent), count: items.length }),
      t('cancel.deletes'),
      sending ? t('cancel.pauseKeeps') : t('cancel.retryContinues'),
    ].join(' '),
    confirm: t('cancel.confirm'),
    keep: sending ? t('cancel.keepUploading') : t('common.keepIt'),
  };
}

/** Gives its children `useAskToCancel()`, and shows the question when asked. */
export const CancelConfirmation: FC<{ children: ReactNode }> = ({ children }) => {
  const speech = useI18n();
  const [request, setRequest] = useState<Request>();
  const ask = useCallback<AskToCancel>((items, cancel) => {
    if (items.every((item) => item.bytesUploaded === 0)) cancel();
    else setRequest({ items, cancel });
  }, []);
  const asked = useMemo(() => (request ? question(speech, request.items) : undefined), [speech, request]);
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

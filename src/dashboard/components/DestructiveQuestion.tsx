import React, { type FC } from 'react';
import { MessageModalLayout, Modal } from '@wix/design-system';

/** A question before deleting what reached the Media Manager: what is lost, and what keeps it instead. */
export interface Question {
  title: string;
  content: string;
  /** The destructive button. */
  confirm: string;
  /** The button that changes nothing. */
  keep: string;
}

interface Props {
  /** The question to show; none: closed. */
  question?: Question;
  onConfirm(): void;
  onClose(): void;
  dataHook?: string;
}

/** WDS's destructive message modal, kept inside a phone's width. */
export const DestructiveQuestion: FC<Props> = ({ question, onConfirm, onClose, dataHook }) => (
  <Modal isOpen={question !== undefined} onRequestClose={onClose} contentLabel={question?.title} dataHook={dataHook}>
    <MessageModalLayout
      theme="destructive"
      title={question?.title}
      content={question?.content}
      primaryButtonText={question?.confirm}
      primaryButtonOnClick={() => {
        onConfirm();
        onClose();
      }}
      secondaryButtonText={question?.keep}
      secondaryButtonOnClick={onClose}
      onCloseButtonClick={onClose}
      // WDS sets a 510 px min-width: kept where it fits, a phone's width less a margin where it does not.
      style={{ minWidth: 'min(510px, calc(100vw - 32px))', maxWidth: 'calc(100vw - 32px)' }}
    />
  </Modal>
);

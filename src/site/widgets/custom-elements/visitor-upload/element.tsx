import React, { type FC } from 'react';
import ReactDOM from 'react-dom';
import reactToWebComponent from 'react-to-webcomponent';
import { VisitorUpload, type VisitorUploadWording } from '../../../visitor/VisitorUpload';
import {
  createVisitorUploadSession,
  finalizeVisitorUploadFromServer,
  getVisitorUploadStatus,
  getVisitorUploadTerms,
  recordVisitorUpload,
  startVisitorSubmission,
} from '../../../../backend/visitor-uploads.web';

const methods = {
  getVisitorUploadTerms,
  startVisitorSubmission,
  createVisitorUploadSession,
  recordVisitorUpload,
  getVisitorUploadStatus,
  finalizeVisitorUploadFromServer,
};

/** The site widget as the editor places it: its wording comes from the panel, its rules from the server. */
const VisitorUploadElement: FC<VisitorUploadWording> = (wording) => <VisitorUpload methods={methods} {...wording} />;

const customElement = reactToWebComponent(VisitorUploadElement, React, ReactDOM as unknown as Parameters<typeof reactToWebComponent>[2], {
  props: {
    heading: 'string',
    intro: 'string',
    buttonLabel: 'string',
    thanks: 'string',
    accentColor: 'string',
  },
});

export default customElement;

import React, { type FC } from 'react';
import ReactDOM from 'react-dom';
import reactToWebComponent from 'react-to-webcomponent';
import { authentication } from '@wix/site-members';
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

/**
 * The site's own member login: @wix/site-members' promptLogin opens the members area's login
 * dialog and resolves once the visitor is logged in (it rejects when they close it). See Wix's
 * "promptLogin()" (SDK frontend modules, Members > Authentication). Locally, the site host's
 * channel answers it with its member switch (local/site-host/site-channel.ts).
 */
const login = () => authentication.promptLogin({ mode: 'login', modal: true });

/** The site widget as the editor places it: its wording comes from the panel, its rules from the server. */
const VisitorUploadElement: FC<VisitorUploadWording> = (wording) => <VisitorUpload methods={methods} login={login} {...wording} />;

const customElement = reactToWebComponent(VisitorUploadElement, React, ReactDOM as unknown as Parameters<typeof reactToWebComponent>[2], {
  props: {
    // i18n-exempt: the prop's type, not a word
    heading: 'string',
    intro: 'string',
    buttonLabel: 'string',
    thanks: 'string',
    accentColor: 'string',
  },
});

export default customElement;

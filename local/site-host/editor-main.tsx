import React from 'react';
import ReactDOM from 'react-dom';
import Panel from '../../src/site/widgets/custom-elements/visitor-upload/panel';
import customElement from '../../src/site/widgets/custom-elements/visitor-upload/element';
import { enableSiteContext, siteIdentity } from './identity';
import { applyWidgetProps } from './widget-props';
import { applyDocumentLanguage, chosenHostLanguage } from '../host-language';

/** Boots the local editor: the widget's panel (its @wix/editor calls set the preview's attributes) beside the widget. */
async function boot(): Promise<void> {
  const { accessToken } = await siteIdentity('VISITOR');
  const essentials = chosenHostLanguage();
  applyDocumentLanguage(essentials);
  enableSiteContext(accessToken, essentials);
  applyWidgetProps(document.querySelector('visitor-upload')!);
  customElements.define('visitor-upload', customElement);
  ReactDOM.render(<Panel />, document.getElementById('panel-root'));
}

void boot();

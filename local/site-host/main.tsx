import customElement from '../../src/site/widgets/custom-elements/visitor-upload/element';
import { enableSiteContext, siteIdentity, type SiteRole } from './identity';
import { applyWidgetProps } from './widget-props';
import { applyDocumentLanguage, chosenHostLanguage, languageSwitcher, withLanguage } from '../host-language';

/**
 * Boots the local site page as a Wix site serves the widget: a visitor (or, with ?as=member, a
 * member) with their own session, the element registered under its tag name, its saved settings
 * as attributes.
 */
async function boot(): Promise<void> {
  const role: SiteRole = new URLSearchParams(window.location.search).get('as') === 'member' ? 'MEMBER' : 'VISITOR';
  const essentials = chosenHostLanguage();
  applyDocumentLanguage(essentials);
  document.getElementById('site-switch')!.after(languageSwitcher(essentials.language));
  const { accessToken, subjectId } = await siteIdentity(role);
  document.getElementById('site-identity')!.textContent = `viewing as a ${role.toLowerCase()} (${subjectId.slice(0, 8)})`;
  const other = document.getElementById('site-switch') as HTMLAnchorElement;
  other.href = withLanguage(role === 'MEMBER' ? '/site' : '/site?as=member', essentials.language);
  other.textContent = role === 'MEMBER' ? 'view as a visitor' : 'view as a member';
  enableSiteContext(accessToken, essentials);
  const element = document.querySelector('visitor-upload')!;
  applyWidgetProps(element);
  customElements.define('visitor-upload', customElement);
}

void boot();

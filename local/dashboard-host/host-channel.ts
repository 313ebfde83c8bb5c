import type { ToastConfig } from '@wix/dashboard';
import { pathOfRoute, type RoutedPage } from './page-routes';

/**
 * What the Wix dashboard does for a page through its host channel, done locally: toasts are shown
 * in the host's toast area (an aria-live region); navigation to one of the app's own pages opens
 * it, and every navigation request is logged (other destinations are Wix's, not here).
 */
export interface LocalDashboardChrome {
  toasts: HTMLElement;
  navigationLog: HTMLElement;
}

const TOAST_MS = 6000;

export function createHostChannel(chrome: LocalDashboardChrome, accessToken: string, pages: ReadonlyArray<RoutedPage & { id: string }>) {
  return {
    showToast(config: ToastConfig) {
      const toast = document.createElement('div');
      toast.className = `toast toast-${config.type ?? 'standard'}`;
      toast.setAttribute('role', config.type === 'error' ? 'alert' : 'status');
      toast.dataset.testid = 'host-toast';
      toast.textContent = config.message;
      if (config.action) {
        const button = document.createElement('button');
        button.textContent = config.action.text;
        button.addEventListener('click', () => {
          config.action?.onClick();
          if (config.action?.removeToastOnClick) toast.remove();
        });
        toast.append(' ', button);
      }
      chrome.toasts.append(toast);
      config.onToastSeen?.();
      const timer = config.timeout === 'none' ? undefined : window.setTimeout(() => toast.remove(), TOAST_MS);
      return {
        remove() {
          window.clearTimeout(timer);
          toast.remove();
        },
      };
    },
    navigate(destination: unknown) {
      const entry = document.createElement('li');
      entry.textContent = `navigate ${JSON.stringify(destination)}`;
      chrome.navigationLog.append(entry);
      console.info('[local dashboard] navigate', destination);
      // A page id alone is the older form of a destination.
      const pageId = typeof destination === 'string' ? destination : (destination as { pageId?: unknown } | null)?.pageId;
      const page = pages.find((candidate) => candidate.id === pageId);
      if (page) window.location.assign(pathOfRoute(page.route));
    },
    navigateBack() {
      chrome.navigationLog.append(Object.assign(document.createElement('li'), { textContent: 'navigate back' }));
    },
    observeState(callback: (props: unknown, environment: unknown) => void) {
      callback({}, {});
      return { disconnect() {} };
    },
    getAccessToken: () => Promise.resolve(accessToken),
    setPageTitle(title: string | null) {
      document.title = title ? `${title} · Local Wix dashboard` : 'Local Wix dashboard';
    },
    onBeforeUnload() {
      return { remove() {} };
    },
  };
}

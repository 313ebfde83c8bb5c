import { applyWidgetProps, readWidgetProps, writeWidgetProp } from './widget-props';

/**
 * The local stand-in for @wix/editor's `widget` (the editor is Wix's and cannot run here): the
 * panel reads and writes the selected widget's props; they are kept for the site page and set on
 * the preview at once.
 */
export const widget = {
  async getProp(name: string): Promise<string> {
    return readWidgetProps()[name] ?? '';
  },
  async setProp(name: string, value: string): Promise<void> {
    writeWidgetProp(name, value);
    const preview = document.querySelector('visitor-upload');
    if (preview) applyWidgetProps(preview);
  },
};

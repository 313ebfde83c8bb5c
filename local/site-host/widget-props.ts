/** The widget's settings as the local editor saved them: what Wix keeps with the widget on the site. */
const KEY = 'local-editor/visitor-upload-props';

export function readWidgetProps(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function writeWidgetProp(name: string, value: string): void {
  localStorage.setItem(KEY, JSON.stringify({ ...readWidgetProps(), [name]: value }));
}

/** Sets each saved setting as an attribute of the element, as the Wix site renders it. */
export function applyWidgetProps(element: Element): void {
  for (const [name, value] of Object.entries(readWidgetProps())) {
    if (value) element.setAttribute(name, value);
    else element.removeAttribute(name);
  }
}

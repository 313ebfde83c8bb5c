/** A setting of the widget in the editor's panel: an attribute of the custom element. */
export interface PanelField {
  /** The element's attribute (react-to-webcomponent maps `buttonLabel` to `button-label`). */
  attribute: string;
  /** The prop the attribute sets, which names the field in the panel's words (`panel.<prop>`). */
  prop: 'heading' | 'intro' | 'buttonLabel' | 'thanks' | 'accentColor';
  maxLength: number;
  multiline?: boolean;
}

export const PANEL_FIELDS: readonly PanelField[] = [
  { attribute: 'heading', prop: 'heading', maxLength: 80 },
  { attribute: 'intro', prop: 'intro', maxLength: 400, multiline: true },
  { attribute: 'button-label', prop: 'buttonLabel', maxLength: 40 },
  { attribute: 'thanks', prop: 'thanks', maxLength: 400, multiline: true },
  { attribute: 'accent-color', prop: 'accentColor', maxLength: 40 },
];

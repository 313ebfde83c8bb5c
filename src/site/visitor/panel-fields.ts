/** A setting of the widget in the editor's panel: an attribute of the custom element. */
export interface PanelField {
  /** The element's attribute (react-to-webcomponent maps `buttonLabel` to `button-label`). */
  attribute: string;
  label: string;
  placeholder: string;
  maxLength: number;
  multiline?: boolean;
}

export const PANEL_FIELDS: readonly PanelField[] = [
  { attribute: 'heading', label: 'Heading', placeholder: 'Send us your files', maxLength: 80 },
  { attribute: 'intro', label: 'Introduction', placeholder: 'Large files are welcome…', maxLength: 400, multiline: true },
  { attribute: 'button-label', label: 'Button label', placeholder: 'Send files', maxLength: 40 },
  {
    attribute: 'thanks',
    label: 'Thank-you message',
    placeholder: 'Thank you: we have received your files.',
    maxLength: 400,
    multiline: true,
  },
  { attribute: 'accent-color', label: 'Accent colour (CSS colour)', placeholder: '#116dff', maxLength: 40 },
];

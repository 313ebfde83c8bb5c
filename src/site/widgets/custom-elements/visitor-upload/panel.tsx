import React, { useEffect, useState, type FC } from 'react';
import { widget } from '@wix/editor';
import { FormField, Input, InputArea, SectionHelper, SidePanel, Text, WixDesignSystemProvider } from '@wix/design-system';
import '@wix/design-system/styles.global.css';
import { PANEL_FIELDS, type PanelField } from '../../../visitor/panel-fields';
import { readAccent } from '../../../visitor/accent';

const ACCENT = 'accent-color';

/** Why a value cannot be saved, or what it will look like; nothing to say for most fields. */
function checkOf(field: PanelField, value: string): { error?: string; note?: string } {
  if (field.attribute !== ACCENT || value.trim() === '') return {};
  const accent = readAccent(value);
  if (!accent) return { error: `"${value.trim()}" is not a CSS colour: for example #116dff or rebeccapurple.` };
  return accent.onAccent === '#000' ? { note: 'The button gets dark text on this colour, so that it stays readable.' } : {};
}

/** The editor's settings panel: the widget's wording and accent colour. The upload rules are set on the dashboard. */
const Panel: FC = () => {
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();

  useEffect(() => {
    Promise.all(PANEL_FIELDS.map(async (field) => [field.attribute, (await widget.getProp(field.attribute)) ?? ''] as const))
      .then((read) => setValues(Object.fromEntries(read)))
      .catch(() => setError('The settings could not be read from the editor.'));
  }, []);

  const change = (field: PanelField, value: string) => {
    setValues((current) => ({ ...current, [field.attribute]: value }));
    // Not a colour: not saved, the widget keeps the last good one.
    if (checkOf(field, value).error) return;
    widget.setProp(field.attribute, value).catch(() => setError(`"${field.label}" could not be saved.`));
  };

  const inputProps = (field: PanelField) => ({
    id: `panel-${field.attribute}`,
    ariaLabel: field.label,
    placeholder: field.placeholder,
    value: values[field.attribute] ?? '',
    maxLength: field.maxLength,
  });

  return (
    <WixDesignSystemProvider>
      <SidePanel width="300" height="100vh">
        <SidePanel.Content noPadding stretchVertically>
          {PANEL_FIELDS.map((field) => {
            const check = checkOf(field, values[field.attribute] ?? '');
            return (
              <SidePanel.Field key={field.attribute}>
                <FormField
                  label={field.label}
                  id={`panel-${field.attribute}`}
                  status={check.error ? 'error' : undefined}
                  statusMessage={check.error}
                >
                  {field.multiline ? (
                    <InputArea {...inputProps(field)} onChange={(event) => change(field, event.target.value)} />
                  ) : (
                    <Input {...inputProps(field)} onChange={(event) => change(field, event.target.value)} />
                  )}
                </FormField>
                {check.note ? (
                  <Text size="tiny" secondary>
                    {check.note}
                  </Text>
                ) : null}
              </SidePanel.Field>
            );
          })}
          {error ? (
            <SidePanel.Field>
              <SectionHelper appearance="danger">{error}</SectionHelper>
            </SidePanel.Field>
          ) : null}
        </SidePanel.Content>
        <SidePanel.Footer noPadding>
          <SectionHelper fullWidth appearance="standard" border="topBottom">
            Who may send files, which types, how large and how many are set in the app's dashboard, under "Visitor uploads", and checked on
            the server.
          </SectionHelper>
        </SidePanel.Footer>
      </SidePanel>
    </WixDesignSystemProvider>
  );
};

export default Panel;

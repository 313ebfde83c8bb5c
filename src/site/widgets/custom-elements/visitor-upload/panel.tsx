import React, { useEffect, useState, type FC } from 'react';
import { widget } from '@wix/editor';
import { FormField, Input, InputArea, SectionHelper, SidePanel, Text, WixDesignSystemProvider } from '@wix/design-system';
import '@wix/design-system/styles.global.css';
import { PANEL_FIELDS, type PanelField } from '../../../visitor/panel-fields';
import { readAccent } from '../../../visitor/accent';
import { useI18n } from '../../../../i18n/use-i18n';
import type { Translate } from '../../../../i18n/translator';

const ACCENT = 'accent-color';

/** Why a value cannot be saved, or what it will look like; nothing to say for most fields. */
function checkOf(t: Translate, field: PanelField, value: string): { error?: string; note?: string } {
  if (field.attribute !== ACCENT || value.trim() === '') return {};
  const accent = readAccent(value);
  if (!accent) return { error: t('panel.notAColour', { value: value.trim() }) };
  return accent.onAccent === '#000' ? { note: t('panel.darkText') } : {};
}

/** Each field's name, and the wording the widget shows while the field is empty (its placeholder), in the editor's language. */
function wordsOf(t: Translate, field: PanelField): { label: string; placeholder: string } {
  switch (field.prop) {
    case 'heading':
      return { label: t('panel.heading'), placeholder: t('widget.heading') };
    case 'intro':
      return { label: t('panel.intro'), placeholder: t('widget.intro') };
    case 'buttonLabel':
      return { label: t('panel.buttonLabel'), placeholder: t('widget.buttonLabel') };
    case 'thanks':
      return { label: t('panel.thanks'), placeholder: t('widget.thanks') };
    default:
      return { label: t('panel.accentColor'), placeholder: '#116dff' };
  }
}

/** The editor's settings panel: the widget's wording and accent colour. The upload rules are set on the dashboard. */
const Panel: FC = () => {
  const { t, locale, dir } = useI18n();
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();

  useEffect(() => {
    Promise.all(PANEL_FIELDS.map(async (field) => [field.attribute, (await widget.getProp(field.attribute)) ?? ''] as const))
      .then((read) => setValues(Object.fromEntries(read)))
      .catch(() => setError(t('panel.readError')));
  }, [t]);

  const change = (field: PanelField, value: string) => {
    setValues((current) => ({ ...current, [field.attribute]: value }));
    // Not a colour: not saved, the widget keeps the last good one.
    if (checkOf(t, field, value).error) return;
    widget.setProp(field.attribute, value).catch(() => setError(t('panel.saveError', { field: wordsOf(t, field).label })));
  };

  const inputProps = (field: PanelField) => ({
    id: `panel-${field.attribute}`,
    ariaLabel: wordsOf(t, field).label,
    placeholder: wordsOf(t, field).placeholder,
    value: values[field.attribute] ?? '',
    maxLength: field.maxLength,
  });

  return (
    <WixDesignSystemProvider locale={locale}>
      <div dir={dir}>
        <SidePanel width="300" height="100vh">
          <SidePanel.Content noPadding stretchVertically>
            {PANEL_FIELDS.map((field) => {
              const check = checkOf(t, field, values[field.attribute] ?? '');
              return (
                <SidePanel.Field key={field.attribute}>
                  <FormField
                    label={wordsOf(t, field).label}
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
              {t('panel.rulesElsewhere')}
            </SectionHelper>
          </SidePanel.Footer>
        </SidePanel>
      </div>
    </WixDesignSystemProvider>
  );
};

export default Panel;

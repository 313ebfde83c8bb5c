import React, { type CSSProperties, type FC, type ReactNode } from 'react';
import { WixDesignSystemProvider } from '@wix/design-system';
import '@wix/design-system/styles.global.css';
import './right-to-left.css';
import { useI18n } from '../../i18n/use-i18n';

/**
 * Darker shades of three WDS colours that fall short of WCAG's 4.5:1 for small text (measured
 * with axe-core): the active tab's label on the page's grey (#116dff: 3.9:1), white on a success
 * badge (#25a55a: 3.2:1) and success text on white. Set through WDS's own custom properties.
 */
const READABLE_COLOURS = {
  display: 'contents',
  '--wds-tabs-label-fill-active': '#0f5fdb',
  '--wds-color-fill-success-primary': '#1c7d44',
  '--wds-color-text-success': '#1c7d44',
} as CSSProperties;

/**
 * The one place the Wix Design System provider and stylesheet are set up: in the owner's language
 * (WDS's `locale`, e.g. for its date pickers) and its direction (WDS's components mirror under
 * `dir="rtl"`, as Wix's dashboard sets it for Hebrew).
 */
export const WdsProvider: FC<{ children: ReactNode }> = ({ children }) => {
  const { locale, language, dir } = useI18n();
  return (
    <WixDesignSystemProvider features={{ newColorsBranding: true }} locale={locale}>
      <div style={READABLE_COLOURS} lang={language} dir={dir}>
        {children}
      </div>
    </WixDesignSystemProvider>
  );
};

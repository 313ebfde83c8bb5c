import React, { type FC, type ReactNode } from 'react';
import { WixDesignSystemProvider } from '@wix/design-system';
import '@wix/design-system/styles.global.css';

/** The one place the Wix Design System provider and stylesheet are set up. */
export const WdsProvider: FC<{ children: ReactNode }> = ({ children }) => (
  <WixDesignSystemProvider features={{ newColorsBranding: true }}>{children}</WixDesignSystemProvider>
);

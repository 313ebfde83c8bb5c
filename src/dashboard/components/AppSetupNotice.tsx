import React, { type FC } from 'react';
import { SectionHelper, Text } from '@wix/design-system';

/** Why the app cannot work on this site (its collections are missing), in place of the page's tools. */
export const AppSetupNotice: FC<{ problem: string }> = ({ problem }) => (
  <div role="alert">
    <SectionHelper skin="danger" title="The app is not set up on this site" dataHook="app-setup-problem">
      <Text size="small">{problem}</Text>
    </SectionHelper>
  </div>
);

import React, { type FC } from 'react';
import { SectionHelper, Text } from '@wix/design-system';

/** Shown when the browser refuses this page storage: what still works, and what does not. */
export const StorageBlockedNotice: FC = () => (
  <SectionHelper skin="standard" title="Uploads cannot be continued after a reload in this browser" dataHook="storage-blocked">
    <Text size="small">
      This browser does not let the dashboard keep data (for example, third-party storage is blocked). Uploads still work and resume after a
      dropped connection, but keep this tab open until they finish.
    </Text>
  </SectionHelper>
);

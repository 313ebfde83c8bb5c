import React, { type FC } from 'react';
import { SectionHelper, Text } from '@wix/design-system';
import { useI18n } from '../../i18n/use-i18n';

/** Shown when the browser refuses this page storage: what still works, and what does not. */
export const StorageBlockedNotice: FC = () => {
  const { t } = useI18n();
  return (
    <SectionHelper skin="standard" title={t('page.storageBlockedTitle')} dataHook="storage-blocked">
      <Text size="small">{t('page.storageBlocked')}</Text>
    </SectionHelper>
  );
};

import React, { type FC } from 'react';
import { SectionHelper, Text } from '@wix/design-system';
import { useI18n } from '../../i18n/use-i18n';

/** Why the app cannot work on this site (its collections are missing), in place of the page's tools. */
export const AppSetupNotice: FC<{ problem: string }> = ({ problem }) => {
  const { t } = useI18n();
  return (
    <div role="alert">
      <SectionHelper skin="danger" title={t('page.setupProblem')} dataHook="app-setup-problem">
        <Text size="small">{problem}</Text>
      </SectionHelper>
    </div>
  );
};

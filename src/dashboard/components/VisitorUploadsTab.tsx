import React, { type FC } from 'react';
import { Cell, Layout } from '@wix/design-system';
import { VisitorRulesForm } from './VisitorRulesForm';
import { VisitorInbox } from './VisitorInbox';
import { useVisitorInbox, useVisitorRules } from '../hooks/use-visitor-uploads';

/** The owner's side of the site widget: its rules and what visitors sent. */
export const VisitorUploadsTab: FC = () => {
  const rules = useVisitorRules();
  const inbox = useVisitorInbox();
  return (
    <Layout>
      <Cell>
        <VisitorInbox
          submissions={inbox.submissions}
          total={inbox.total}
          offset={inbox.offset}
          pageSize={inbox.pageSize}
          filter={inbox.filter}
          search={inbox.search}
          loading={inbox.loading}
          error={inbox.error}
          onFilter={inbox.setFilter}
          onSearch={inbox.setSearch}
          onPage={inbox.setOffset}
          onHandled={inbox.setHandled}
          onDelete={inbox.remove}
          onClose={inbox.close}
        />
      </Cell>
      <Cell>
        <VisitorRulesForm rules={rules.rules} loadError={rules.error} saving={rules.saving} onSave={rules.save} />
      </Cell>
    </Layout>
  );
};

import React, { useState, type FC } from 'react';
import { Card, Cell, Layout, Page, Text } from '@wix/design-system';
// Copied into src/dashboard/pages/quick-upload/ (docs/EXTENDING.md, "Add a dashboard page"), '../../../src/dashboard/…'
// becomes '../../…' and '../../../src/…' becomes '../../../…'.
import { PageProviders } from '../../../src/dashboard/components/PageProviders';
import { FileDropzone } from '../../../src/dashboard/components/FileDropzone';
import { UploadQueueTable } from '../../../src/dashboard/components/UploadQueueTable';
import { useUploadQueue } from '../../../src/shared/use-upload-queue';
import { ownerBackend } from '../../../src/dashboard/owner-methods';
import { openAdded, sourcesOfPicked } from '../../../src/dashboard/files/picked-files';
import { withMeta } from '../../../src/upload-engine';

/** Where this page puts every file, whatever folder it was dropped from. */
const QUICK_UPLOADS = { filePath: '/Quick uploads', labels: ['quick'] };

/**
 * A second dashboard page on the same upload engine: files only, straight into one folder, no
 * settings. Its resume records are its own, so the Upload page never lists its unfinished files.
 */
const QuickUploadPage: FC = () => {
  const { queue, snapshot } = useUploadQueue(ownerBackend, {
    resumeKeyPrefix: 'resumable-media-uploader/quick-upload/resume/',
    concurrency: 2,
  });
  /** Dropped files the browser could not read (moved or deleted since the drop): named, not sent. */
  const [unreadable, setUnreadable] = useState<string[]>([]);
  return (
    <Page height="100vh" minWidth={0}>
      <Page.Header title="Quick upload" subtitle="Drop files: they go to the Quick uploads folder at once." />
      <Page.Content>
        <Layout>
          <Cell>
            <Card>
              <Card.Content>
                <FileDropzone
                  allowFolders={false}
                  wording={{ heading: 'Drop files to upload them now' }}
                  onPicked={(added) =>
                    // Dropped files come by their entries: opened here, as this page sends them at once.
                    void openAdded(added).then(({ picked, unreadable }) => {
                      setUnreadable(unreadable.map(({ dropped }) => dropped.entry.name));
                      queue.add(withMeta(sourcesOfPicked(picked, { keepFolderTree: false }), QUICK_UPLOADS));
                    })
                  }
                />
                {unreadable.length > 0 ? (
                  <Text size="small" skin="error">
                    Not sent, the browser could not read them: {unreadable.join(', ')}
                  </Text>
                ) : null}
              </Card.Content>
            </Card>
          </Cell>
          {snapshot.items.length > 0 ? (
            <Cell>
              <Card>
                <UploadQueueTable
                  items={snapshot.items}
                  queue={queue}
                  columns={['status', 'result', 'actions']}
                  actions={['retry', 'remove']}
                />
              </Card>
            </Cell>
          ) : null}
        </Layout>
      </Page.Content>
    </Page>
  );
};

const QuickUploadDashboardPage: FC = () => (
  <PageProviders>
    <QuickUploadPage />
  </PageProviders>
);

export default QuickUploadDashboardPage;

import React, { type FC } from 'react';
import { Card, Cell, Layout, Page } from '@wix/design-system';
import { PageProviders } from '../components/PageProviders';
import { FileDropzone } from '../components/FileDropzone';
import { UploadSettingsForm } from '../components/UploadSettingsForm';
import { StagedFilesTable } from '../components/StagedFilesTable';
import { QueueSummary } from '../components/QueueSummary';
import { UploadQueueTable } from '../components/UploadQueueTable';
import { UnfinishedUploads } from '../components/UnfinishedUploads';
import { StorageBlockedNotice } from '../components/StorageBlockedNotice';
import { RecentUploads } from '../components/RecentUploads';
import { QueueAnnouncer } from '../components/QueueAnnouncer';
import { useUploadQueue } from '../hooks/use-upload-queue';
import { useStagedFiles } from '../hooks/use-staged-files';
import { useFolders } from '../hooks/use-folders';
import { useRecentUploads } from '../hooks/use-recent-uploads';
import { useBatchToast } from '../hooks/use-batch-toast';

const UploadPage: FC = () => {
  const { queue, snapshot, survivesReload } = useUploadQueue();
  const staging = useStagedFiles(queue, snapshot);
  const folders = useFolders();
  const recent = useRecentUploads();
  useBatchToast(snapshot, recent.refresh);

  return (
    <Page height="100vh">
      <Page.Header
        title="Large file uploads"
        subtitle="Upload files of many GB to the Media Manager; uploads survive dropped connections and reloads."
      />
      <Page.Content>
        <Layout>
          <Cell>{survivesReload ? <UnfinishedUploads records={queue.unfinishedUploads()} /> : <StorageBlockedNotice />}</Cell>
          <Cell span={8}>
            <FileDropzone onPicked={staging.add} />
          </Cell>
          <Cell span={4}>
            <UploadSettingsForm
              settings={staging.settings}
              folders={folders.folders}
              foldersError={folders.error}
              selectedCount={staging.selectedIds.length}
              onChange={staging.setSettings}
              onApplyToSelected={staging.applyToSelected}
            />
          </Cell>
          {staging.staged.length > 0 ? (
            <Cell>
              <StagedFilesTable
                staged={staging.staged}
                problems={staging.problems}
                folders={folders.folders}
                selectedIds={staging.selectedIds}
                onSelectionChanged={staging.setSelectedIds}
                onRename={staging.rename}
                onRemove={staging.remove}
                onStart={staging.start}
              />
            </Cell>
          ) : null}
          {snapshot.items.length > 0 ? (
            <Cell>
              <Card>
                <Card.Header title={`Uploads (${snapshot.items.length})`} />
                <Card.Content>
                  <QueueSummary snapshot={snapshot} queue={queue} />
                </Card.Content>
                <UploadQueueTable items={snapshot.items} queue={queue} />
              </Card>
            </Cell>
          ) : null}
          <Cell>
            <RecentUploads uploads={recent.uploads} loading={recent.loading} error={recent.error} />
          </Cell>
        </Layout>
        <QueueAnnouncer snapshot={snapshot} />
      </Page.Content>
    </Page>
  );
};

const DashboardPage: FC = () => (
  <PageProviders>
    <UploadPage />
  </PageProviders>
);

export default DashboardPage;

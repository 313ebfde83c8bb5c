import React, { useCallback, useRef, useState, type FC } from 'react';
import { Card, Cell, Layout, Page, Tabs, Text } from '@wix/design-system';
import { useQueryClient } from '@tanstack/react-query';
import { PageProviders } from '../components/PageProviders';
import { FileDropzone } from '../components/FileDropzone';
import { UploadSettingsForm } from '../components/UploadSettingsForm';
import { LinkImportForm } from '../components/LinkImportForm';
import { StagedFilesTable } from '../components/StagedFilesTable';
import { QueueSummary } from '../components/QueueSummary';
import { UploadQueueTable } from '../components/UploadQueueTable';
import { UnfinishedUploads } from '../components/UnfinishedUploads';
import { StorageBlockedNotice } from '../components/StorageBlockedNotice';
import { RecentUploads } from '../components/RecentUploads';
import { QueueAnnouncer } from '../components/QueueAnnouncer';
import { CancelConfirmation } from '../components/CancelConfirmation';
import { VisitorUploadsTab } from '../components/VisitorUploadsTab';
import { AppSetupNotice } from '../components/AppSetupNotice';
import { useAppSetup } from '../hooks/use-app-setup';
import { useUploadQueue } from '../../shared/use-upload-queue';
import { ownerBackend } from '../owner-methods';
import { useStagedFiles } from '../hooks/use-staged-files';
import { FOLDERS_QUERY, useFolders } from '../hooks/use-folders';
import { useRecentUploads } from '../hooks/use-recent-uploads';
import { useBatchToast } from '../hooks/use-batch-toast';
import { useUnfinishedUploads } from '../hooks/use-unfinished-uploads';
import { useLeaveWarning } from '../../shared/use-leave-warning';
import { usePastedFiles } from '../hooks/use-pasted-files';
import { useNarrowLayout } from '../hooks/use-narrow-layout';
import { useRevealAndFocus, useRevealWhenGrowing } from '../hooks/use-reveal';
import type { QueuedFile } from '../../upload-engine';
import { useI18n } from '../../i18n/use-i18n';

const UploadPage: FC = () => {
  const { t } = useI18n();
  const setup = useAppSetup();
  const { queue, snapshot, survivesReload, keepsFileHandles } = useUploadQueue(ownerBackend);
  const staging = useStagedFiles(queue, snapshot);
  const rootFolders = useFolders();
  const recent = useRecentUploads(setup.ready);
  const unfinished = useUnfinishedUploads(queue, snapshot);
  const queries = useQueryClient();
  const narrow = useNarrowLayout();
  const queueHeading = useRef<HTMLElement>(null);
  const stagedList = useRef<HTMLDivElement>(null);
  // The upload tab stays mounted while hidden: its queue keeps uploading behind the other tab.
  const [tab, setTab] = useState<'upload' | 'visitors'>('upload');

  const onBatchEnd = useCallback(() => {
    recent.refresh();
    // Uploads with new subfolders created folders: the destination picker shows them.
    void queries.invalidateQueries({ queryKey: [FOLDERS_QUERY] });
  }, [recent.refresh, queries]);
  useBatchToast(snapshot, onBatchEnd);
  useLeaveWarning(snapshot);
  usePastedFiles(tab === 'upload' ? staging.add : undefined);

  const revealQueue = useRevealAndFocus(queueHeading, snapshot.items.length > 0);
  useRevealWhenGrowing(stagedList, staging.staged.length);
  const { start: startStaged } = staging;
  const start = useCallback(() => {
    startStaged();
    revealQueue();
  }, [startStaged, revealQueue]);
  const importLinks = useCallback(
    (files: QueuedFile[]) => {
      queue.importLinks(files);
      revealQueue();
    },
    [queue, revealQueue],
  );
  const { forget, continueKept } = unfinished;
  const forgetUnfinished = useCallback((fingerprint: string) => void forget(fingerprint), [forget]);
  const continueUnfinished = useCallback(() => {
    void continueKept();
    revealQueue();
  }, [continueKept, revealQueue]);

  return (
    // WDS pages keep 864 px at least and are cut below that; this one stacks its cards instead.
    <Page height="100vh" minWidth={0}>
      <Page.Header
        title={t('page.title')}
        // A string subtitle is cut to two lines, which on a phone loses half of it: this one wraps.
        subtitle={<Text secondary>{t('page.subtitle')}</Text>}
      />
      <Page.Tail>
        <Tabs
          activeId={tab}
          items={[
            { id: 'upload', title: t('page.tabUpload') },
            { id: 'visitors', title: t('page.tabVisitors') },
          ]}
          onClick={(item) => setTab(item.id === 'visitors' ? 'visitors' : 'upload')}
          minWidth={0}
          dataHook="page-tabs"
        />
      </Page.Tail>
      <Page.Content>
        {setup.problem ? <AppSetupNotice problem={setup.problem} /> : null}
        {tab === 'visitors' && !setup.problem ? <VisitorUploadsTab /> : null}
        {setup.problem ? null : (
          <div hidden={tab !== 'upload'}>
            <Layout>
              <Cell>
                {survivesReload ? (
                  <UnfinishedUploads
                    records={unfinished.records}
                    kept={unfinished.kept}
                    refusals={unfinished.refusals}
                    keepsFileHandles={keepsFileHandles}
                    continuing={unfinished.continuing}
                    onContinue={continueUnfinished}
                    onForget={forgetUnfinished}
                  />
                ) : (
                  <StorageBlockedNotice />
                )}
              </Cell>
              <Cell span={narrow ? 12 : 8}>
                <Layout gap="24px">
                  <Cell>
                    <FileDropzone onPicked={staging.add} />
                  </Cell>
                  <Cell>
                    <LinkImportForm settings={staging.settings} onImport={importLinks} />
                  </Cell>
                </Layout>
              </Cell>
              <Cell span={narrow ? 12 : 4}>
                <UploadSettingsForm
                  settings={staging.settings}
                  selectedCount={staging.selectedIds.length}
                  onChange={staging.setSettings}
                  onApplyToSelected={staging.applyToSelected}
                />
              </Cell>
              {staging.staged.length > 0 ? (
                <Cell>
                  <div ref={stagedList}>
                    <StagedFilesTable
                      staged={staging.staged}
                      problems={staging.problems}
                      existing={staging.existing}
                      folders={rootFolders.folders}
                      selectedIds={staging.selectedIds}
                      onSelectionChanged={staging.setSelectedIds}
                      onRename={staging.rename}
                      onRemove={staging.remove}
                      onUploadAsCopies={staging.uploadAsCopies}
                      onStart={start}
                      readingSizes={staging.readingSizes}
                      waitingToSend={staging.waitingToSend}
                    />
                  </div>
                </Cell>
              ) : null}
              {snapshot.items.length > 0 ? (
                <Cell>
                  <Card>
                    <section
                      ref={queueHeading}
                      tabIndex={-1}
                      data-hook="queue-heading"
                      aria-label={t('page.queueLabel', { count: snapshot.items.length })}
                    >
                      <Card.Header title={t('page.queueTitle', { count: snapshot.items.length })} />
                    </section>
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
          </div>
        )}
        <QueueAnnouncer snapshot={snapshot} />
      </Page.Content>
    </Page>
  );
};

const DashboardPage: FC = () => (
  <PageProviders>
    <CancelConfirmation>
      <UploadPage />
    </CancelConfirmation>
  </PageProviders>
);

export default DashboardPage;

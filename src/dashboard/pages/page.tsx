import React, { createContext, memo, useCallback, useContext, useMemo, useRef, useState, type FC, type RefObject } from 'react';
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
import { useStagedFiles, type StagedFiles } from '../hooks/use-staged-files';
import { FOLDERS_QUERY, useFolders } from '../hooks/use-folders';
import { useRecentUploads, type RecentUploads as RecentUploadsState } from '../hooks/use-recent-uploads';
import { useBatchToast } from '../hooks/use-batch-toast';
import { useUnfinishedUploads, type UnfinishedUploads as UnfinishedUploadsState } from '../hooks/use-unfinished-uploads';
import { useLeaveWarning } from '../../shared/use-leave-warning';
import { usePastedFiles } from '../hooks/use-pasted-files';
import { useNarrowLayout } from '../hooks/use-narrow-layout';
import { useRevealAndFocus, useRevealWhenGrowing } from '../hooks/use-reveal';
import type { QueuedFile, UploadQueue, UploadQueueSnapshot } from '../../upload-engine';
import { useSameWhileEqual } from '../hooks/use-same-while-equal';
import { useStepsDrawn } from '../hooks/use-steps-drawn';
import { useI18n } from '../../i18n/use-i18n';

/**
 * The queue's latest snapshot, for the parts of the page drawn from it (the queue's card and the
 * announcer). The rest of the page is not drawn again at each change of the queue: its forms and
 * tables are costly to draw for nothing twice a second while files upload.
 */
const QueueSnapshot = createContext<UploadQueueSnapshot | undefined>(undefined);

function useQueueSnapshot(): UploadQueueSnapshot {
  const snapshot = useContext(QueueSnapshot);
  if (!snapshot) throw new Error('useQueueSnapshot is used outside the upload page');
  return snapshot;
}

/** The queue's rows drawn in the first of the two tasks that draw them (of ten in view, and two more below). */
const FIRST_ROWS_DRAWN = 5;

const QueueCard: FC<{ queue: UploadQueue; heading: RefObject<HTMLElement> }> = ({ queue, heading }) => {
  const { t } = useI18n();
  const snapshot = useQueueSnapshot();
  // The card and its summary first, then its first rows, then the others, a task each: drawn at once
  // as the first files are listed, they took 53–91 ms; the rows alone, 40–61 ms.
  const step = useStepsDrawn(2);
  return (
    <Card>
      <section ref={heading} tabIndex={-1} data-hook="queue-heading" aria-label={t('page.queueLabel', { count: snapshot.items.length })}>
        <Card.Header title={t('page.queueTitle', { count: snapshot.items.length })} />
      </section>
      <Card.Content>
        <QueueSummary snapshot={snapshot} queue={queue} />
      </Card.Content>
      {step > 0 ? <UploadQueueTable items={snapshot.items} queue={queue} rowsDrawn={step === 1 ? FIRST_ROWS_DRAWN : undefined} /> : null}
    </Card>
  );
};

const LiveQueueAnnouncer: FC = () => <QueueAnnouncer snapshot={useQueueSnapshot()} />;

/** What the upload tab is drawn from: the page's state but the queue's snapshot. */
interface UploadTabState {
  queue: UploadQueue;
  hasQueue: boolean;
  queueHeading: RefObject<HTMLElement>;
  survivesReload: boolean;
  keepsFileHandles: boolean;
  staging: StagedFiles;
  unfinished: UnfinishedUploadsState;
  recent: RecentUploadsState;
  onStart(): void;
  onImportLinks(files: QueuedFile[]): void;
  onContinueUnfinished(): void;
  onForgetUnfinished(fingerprint: string): void;
}

/**
 * Given to the upload tab through a context rather than as props of the page's frame: a change of
 * the page's state (files staged, sent, checked) then draws the tab again, not WDS's Page around it,
 * which measures its header after each of its drawings (a forced layout of the whole page, 16–20 ms
 * at 10,000 files, profiled) and is costly to draw for nothing.
 */
const UploadTabContext = createContext<UploadTabState | undefined>(undefined);

/** The upload tab: kept mounted while hidden, as its queue keeps uploading behind the other tab. */
const UploadTab = memo<{ active: boolean }>(function UploadTab({ active }) {
  const state = useContext(UploadTabContext);
  if (!state) throw new Error('UploadTab is drawn outside the upload page');
  const { queue, hasQueue, queueHeading, survivesReload, keepsFileHandles, staging, unfinished, recent } = state;
  const rootFolders = useFolders();
  const narrow = useNarrowLayout();
  const stagedList = useRef<HTMLDivElement>(null);
  usePastedFiles(active ? staging.add : undefined);
  useRevealWhenGrowing(stagedList, staging.staged.length);

  return (
    <div hidden={!active}>
      <Layout>
        <Cell>
          {survivesReload ? (
            <UnfinishedUploads
              records={unfinished.records}
              kept={unfinished.kept}
              refusals={unfinished.refusals}
              keepsFileHandles={keepsFileHandles}
              continuing={unfinished.continuing}
              onContinue={state.onContinueUnfinished}
              onForget={state.onForgetUnfinished}
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
              <LinkImportForm settings={staging.settings} onImport={state.onImportLinks} />
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
                onStart={state.onStart}
                readingSizes={staging.readingSizes}
                waitingToSend={staging.waitingToSend}
              />
            </div>
          </Cell>
        ) : null}
        {hasQueue ? (
          <Cell>
            <QueueCard queue={queue} heading={queueHeading} />
          </Cell>
        ) : null}
        <Cell>
          <RecentUploads uploads={recent.uploads} loading={recent.loading} error={recent.error} />
        </Cell>
      </Layout>
    </div>
  );
});

/** WDS's Page, its header and tabs: drawn again only when the setup's state or the tab changes. */
const UploadPageFrame = memo<{ setupProblem?: string }>(function UploadPageFrame({ setupProblem }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<'upload' | 'visitors'>('upload');

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
        {setupProblem ? <AppSetupNotice problem={setupProblem} /> : null}
        {tab === 'visitors' && !setupProblem ? <VisitorUploadsTab /> : null}
        {setupProblem ? null : <UploadTab active={tab === 'upload'} />}
        <LiveQueueAnnouncer />
      </Page.Content>
    </Page>
  );
});

/** The page's state: the queue (drawn again at each of its changes, twice a second at most) and the hooks around it, given to the parts drawn from them. */
const UploadPage: FC = () => {
  const setup = useAppSetup();
  const { queue, snapshot, survivesReload, keepsFileHandles } = useUploadQueue(ownerBackend);
  // The hooks make a new object at each call: kept the same while each of its parts is, so the layout is not drawn again for nothing.
  const staging = useSameWhileEqual(useStagedFiles(queue, snapshot));
  const recent = useSameWhileEqual(useRecentUploads(setup.ready));
  const unfinished = useSameWhileEqual(useUnfinishedUploads(queue, snapshot));
  const queries = useQueryClient();
  const queueHeading = useRef<HTMLElement>(null);

  const { refresh: refreshRecent } = recent;
  const onBatchEnd = useCallback(() => {
    refreshRecent();
    // Uploads with new subfolders created folders: the destination picker shows them.
    void queries.invalidateQueries({ queryKey: [FOLDERS_QUERY] });
  }, [refreshRecent, queries]);
  useBatchToast(queue, onBatchEnd);
  useLeaveWarning(snapshot);

  const hasQueue = snapshot.items.length > 0;
  const revealQueue = useRevealAndFocus(queueHeading, hasQueue);
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

  const tabState = useMemo<UploadTabState>(
    () => ({
      queue,
      hasQueue,
      queueHeading,
      survivesReload,
      keepsFileHandles,
      staging,
      unfinished,
      recent,
      onStart: start,
      onImportLinks: importLinks,
      onContinueUnfinished: continueUnfinished,
      onForgetUnfinished: forgetUnfinished,
    }),
    [
      queue,
      hasQueue,
      survivesReload,
      keepsFileHandles,
      staging,
      unfinished,
      recent,
      start,
      importLinks,
      continueUnfinished,
      forgetUnfinished,
    ],
  );

  return (
    <QueueSnapshot.Provider value={snapshot}>
      <UploadTabContext.Provider value={tabState}>
        <UploadPageFrame setupProblem={setup.problem} />
      </UploadTabContext.Provider>
    </QueueSnapshot.Provider>
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

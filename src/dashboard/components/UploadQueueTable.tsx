import React, { memo, useCallback, useState, type FC } from 'react';
import { Badge, Box, IconButton, Image, Input, PopoverMenu, Table, Text, Tooltip } from '@wix/design-system';
import { NamedProgressBar } from './NamedProgressBar';
import { FileLinks } from './FileLinks';
import { useAskToCancel } from './CancelConfirmation';
import { fittedColumns, type FittedColumn } from './table-columns';
import type { UploadItem, UploadQueue } from '../../upload-engine';
import { stateLabel, stateNote, stateSkin } from './item-status';
import { failureReason } from '../../i18n/describe';
import { usePhoneLayout } from '../hooks/use-narrow-layout';
import { menuStateOnItsButton, nameOpenPopover } from './wds-aria';
import { useI18n } from '../../i18n/use-i18n';

/** The columns the queue table can show, in their order. */
export type QueueColumn = 'file' | 'progress' | 'status' | 'result' | 'actions';
export type QueueAction = 'pause' | 'resume' | 'retry' | 'cancel' | 'remove';

const ALL_COLUMNS: readonly QueueColumn[] = ['file', 'progress', 'status', 'result', 'actions'];
const ALL_ACTIONS: readonly QueueAction[] = ['pause', 'resume', 'retry', 'cancel', 'remove'];

interface Props {
  items: readonly UploadItem[];
  queue: UploadQueue;
  /** Which columns to show; all by default. */
  columns?: readonly QueueColumn[];
  /** Which of the actions a file allows to offer; all by default. */
  actions?: readonly QueueAction[];
  /** Only the first rows, in a table as tall as for all of them: the rest come in a later drawing. All by default. */
  rowsDrawn?: number;
}

const ROW_HEIGHT = 72;
/** A phone's stacked row: name and size, progress, state and bytes, then speed, links or the reason (two lines). */
const PHONE_ROW_HEIGHT = 164;
const HEADER_HEIGHT = 42;
const VISIBLE_ROWS = 10;
const PHONE_VISIBLE_ROWS = 5;

const percent = (item: UploadItem) => {
  // Wix fetches a linked file: no bytes go from here, it is done when the Media Manager has it.
  if (item.link !== undefined) return item.state === 'ready' ? 100 : 0;
  return item.size === 0 ? 100 : Math.floor((item.bytesUploaded / item.size) * 100);
};

/** "from example.com": where a linked file comes from, its whole link in the title. */
const LinkOrigin: FC<{ link: string }> = ({ link }) => {
  const { t } = useI18n();
  let host = link;
  try {
    host = new URL(link).host;
  } catch {
    // shown as typed
  }
  return <span title={link}>{t('linkImport.fromHost', { host })}</span>;
};

const CUT_BY_CSS: React.CSSProperties = {
  display: 'block',
  minWidth: 0,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
};

/**
 * A line that changes at each draw while bytes move (bytes sent, speed): cut by CSS, the whole of
 * it in its title. WDS's `ellipsis` measures the text again after every change, a layout of the
 * page per row per draw, which made the draws of an uploading queue long tasks.
 */
const ChangingText: FC<{ text: string; size: 'tiny' | 'small'; dataHook?: string }> = ({ text, size, dataHook }) => (
  <span style={CUT_BY_CSS} title={text} data-hook={dataHook}>
    <Text size={size} secondary>
      {text}
    </Text>
  </span>
);

/** Names typed for failed files, kept until they are retried with them. */
type NameEdits = Readonly<Record<string, string>>;

interface ItemAction {
  key: QueueAction;
  label: string;
  symbol: string;
  hook: string;
  run(): void;
}

/** What can be done to a file now, among the actions the page offers: as buttons in a row, or in a phone's menu. */
function useItemActions(item: UploadItem, queue: UploadQueue, offered: readonly QueueAction[], editedName?: string): ItemAction[] {
  const askToCancel = useAskToCancel();
  const { t } = useI18n();
  const all: Array<ItemAction & { allowed: boolean }> = [
    {
      key: 'pause',
      label: t('queue.pause'),
      symbol: '❚❚',
      hook: 'pause-item',
      allowed: item.actions.pause,
      run: () => void queue.pause(item.id),
    },
    {
      key: 'resume',
      label: t('queue.resume'),
      symbol: '▶',
      hook: 'resume-item',
      allowed: item.actions.resume,
      run: () => queue.resume(item.id),
    },
    {
      key: 'retry',
      label: t('queue.retry'),
      symbol: '↻',
      hook: 'retry-item',
      allowed: item.actions.retry,
      run: () => queue.retry(item.id, { displayName: editedName }),
    },
    {
      key: 'cancel',
      label: t('queue.cancel'),
      symbol: '✕',
      hook: 'cancel-item',
      allowed: item.actions.cancel,
      run: () => askToCancel([item], () => void queue.cancel(item.id)),
    },
    // A refused file has nothing left to send or stop: taking it off the list is what is left.
    {
      key: 'remove',
      label: t('queue.remove'),
      symbol: '✕',
      hook: 'remove-item',
      allowed: item.state === 'refused' && item.actions.remove,
      run: () => void queue.remove(item.id),
    },
  ];
  return all.filter((action) => action.allowed && offered.includes(action.key));
}

const ItemButtons: FC<{ item: UploadItem; actions: readonly ItemAction[] }> = ({ item, actions }) => {
  const { t } = useI18n();
  return (
    <Box gap="SP1">
      {actions.map((action) => (
        <Tooltip key={action.key} content={action.label}>
          <IconButton
            size="small"
            priority="secondary"
            ariaLabel={t('queue.actionNamed', { action: action.label, name: item.meta.displayName })}
            onClick={action.run}
            dataHook={action.hook}
          >
            <span aria-hidden="true">{action.symbol}</span>
          </IconButton>
        </Tooltip>
      ))}
    </Box>
  );
};

/** A phone's row has no room for a button per action: they are in a menu. */
const ItemMenu: FC<{ item: UploadItem; actions: readonly ItemAction[] }> = ({ item, actions }) => {
  const { t } = useI18n();
  return actions.length === 0 ? null : (
    <span ref={menuStateOnItsButton}>
      <PopoverMenu
        appendTo="window"
        placement="bottom-end"
        textSize="small"
        onShow={() => nameOpenPopover(t('queue.actionsFor', { name: item.meta.displayName }))}
        triggerElement={({ toggle }) => (
          <IconButton
            size="small"
            priority="secondary"
            ariaLabel={t('queue.actionsFor', { name: item.meta.displayName })}
            onClick={toggle}
            dataHook="item-menu"
          >
            <span aria-hidden="true">⋯</span>
          </IconButton>
        )}
      >
        {actions.map((action) => (
          <PopoverMenu.MenuItem key={action.key} text={action.label} onClick={action.run} dataHook={action.hook} />
        ))}
      </PopoverMenu>
    </span>
  );
};

const ItemResult = memo<{ item: UploadItem; maxLines: number }>(function ItemResult({ item, maxLines }) {
  const speech = useI18n();
  const { t, speed, duration } = speech;
  if (item.state === 'ready' && item.url && item.fileId) {
    return <FileLinks fileId={item.fileId} name={item.meta.displayName} url={item.url} isPrivate={item.meta.private ?? false} />;
  }
  const reason = failureReason(speech, item);
  if (reason) {
    // Cut to the row's lines; the whole reason shows in a tooltip and is announced (QueueAnnouncer).
    return (
      <Text size="small" skin="error" dataHook="failure-reason" ellipsis maxLines={maxLines}>
        {reason}
      </Text>
    );
  }
  if (item.state === 'uploading') {
    return (
      <ChangingText
        size="small"
        text={t('common.speedLeft', { speed: speed(item.bytesPerSecond), duration: duration(item.secondsLeft) })}
      />
    );
  }
  return null;
});

/** A name typed for a failed file, by its id. */
type OnEdit = (id: string, name: string) => void;

const ItemName = memo<{ item: UploadItem; editedName?: string; onEdit: OnEdit }>(function ItemName({ item, editedName, onEdit }) {
  const { t, bytes } = useI18n();
  return (
    <Box gap="SP2" verticalAlign="middle" minWidth={0} width="100%">
      {item.thumbnailUrl && item.state === 'ready' && !item.meta.private ? (
        <Image
          src={item.thumbnailUrl}
          width={40}
          height={40}
          alt={t('queue.thumbnailOf', { name: item.meta.displayName })}
          dataHook="thumbnail"
        />
      ) : null}
      <Box direction="vertical" minWidth={0} width="100%">
        {item.actions.rename ? (
          <Input
            size="small"
            ariaLabel={t('queue.renameFailed', { name: item.name })}
            value={editedName ?? item.meta.displayName}
            onChange={(event) => onEdit(item.id, event.target.value)}
            dataHook="rename-failed"
          />
        ) : (
          <Text size="small" weight="bold" ellipsis>
            {item.meta.displayName}
          </Text>
        )}
        <Text size="tiny" secondary ellipsis>
          {item.link !== undefined ? (
            <>
              {item.size > 0 ? `${bytes(item.size)} · ` : ''}
              <LinkOrigin link={item.link} />
            </>
          ) : (
            bytes(item.size)
          )}
          {item.resumed ? ` · ${t('queue.resumed')}` : ''}
          {item.verified ? ` · ${t('queue.verified')}` : ''}
          {!item.verified && item.integrityNote ? <span title={t('queue.checkedBySizeWhy')}> · {t('queue.checkedBySize')}</span> : null}
        </Text>
      </Box>
    </Box>
  );
});

const ItemState = memo<{ item: UploadItem }>(function ItemState({ item }) {
  const { t } = useI18n();
  const note = stateNote(t, item);
  return (
    <>
      <Badge size="small" skin={stateSkin(item.state)} dataHook="item-state">
        {stateLabel(t, item)}
      </Badge>
      {note ? (
        <Text size="tiny" secondary>
          {note}
        </Text>
      ) : null}
    </>
  );
});

const ItemStateCell = memo<{ item: UploadItem }>(function ItemStateCell({ item }) {
  return (
    <Box direction="vertical" gap="SP1">
      <ItemState item={item} />
    </Box>
  );
});

const BytesDone: FC<{ item: UploadItem }> = ({ item }) => {
  const { t, bytes } = useI18n();
  return (
    <ChangingText
      size="tiny"
      dataHook="bytes-done"
      text={
        item.link !== undefined
          ? item.state === 'ready'
            ? t('linkImport.importedByWix', { size: bytes(item.size) })
            : t('linkImport.nothingSent')
          : t('common.bytesOfPercent', { done: bytes(item.bytesUploaded), total: bytes(item.size), percent: percent(item) })
      }
    />
  );
};

/** A file's progress bar and bytes, for the progress column. */
const ItemProgress = memo<{ item: UploadItem }>(function ItemProgress({ item }) {
  const { t } = useI18n();
  return (
    <Box direction="vertical" gap="SP1" width="100%">
      <NamedProgressBar name={t('queue.progressOf', { name: item.meta.displayName })} value={percent(item)} />
      <BytesDone item={item} />
    </Box>
  );
});

/**
 * The props of a row's parts: each part is memoized, so a row whose file did not change (the same
 * item object: the engine keeps it) is not drawn again when the table is.
 */
interface RowProps {
  item: UploadItem;
  queue: UploadQueue;
  offered: readonly QueueAction[];
  editedName?: string;
  onEdit: OnEdit;
}

const ItemActionButtons = memo<Omit<RowProps, 'onEdit'>>(function ItemActionButtons({ item, queue, offered, editedName }) {
  return <ItemButtons item={item} actions={useItemActions(item, queue, offered, editedName)} />;
});

/**
 * A file on a phone: one cell, the name and the menu on top, then progress, state and what became
 * of it (of these, what the page's columns ask for).
 */
const PhoneRow = memo<RowProps & { shown: readonly QueueColumn[] }>(function PhoneRow({ item, queue, offered, editedName, onEdit, shown }) {
  const actions = useItemActions(item, queue, offered, editedName);
  const { t } = useI18n();
  return (
    <Box direction="vertical" gap="SP1" width="100%" minWidth={0}>
      <Box gap="SP2" verticalAlign="middle" width="100%" minWidth={0}>
        <Box minWidth={0} flexGrow={1}>
          <ItemName item={item} editedName={editedName} onEdit={onEdit} />
        </Box>
        {shown.includes('actions') ? <ItemMenu item={item} actions={actions} /> : null}
      </Box>
      {shown.includes('progress') ? (
        <Box gap="SP2" verticalAlign="middle" width="100%" minWidth={0}>
          <Box flexGrow={1} minWidth="48px">
            <NamedProgressBar name={t('queue.progressOf', { name: item.meta.displayName })} value={percent(item)} />
          </Box>
          <Box flexShrink={0}>
            <BytesDone item={item} />
          </Box>
        </Box>
      ) : null}
      {shown.includes('status') ? (
        <Box gap="SP2" verticalAlign="middle" minWidth={0}>
          <ItemState item={item} />
        </Box>
      ) : null}
      {shown.includes('result') ? <ItemResult item={item} maxLines={2} /> : null}
    </Box>
  );
});

/**
 * The queue: one row per file with its progress, state, result and actions; only the visible rows
 * are drawn. On a phone each row stacks them in one cell, its actions in a menu.
 */
export const UploadQueueTable: FC<Props> = ({
  items,
  queue,
  columns: shownColumns = ALL_COLUMNS,
  actions: offered = ALL_ACTIONS,
  rowsDrawn,
}) => {
  const { t } = useI18n();
  const [names, setNames] = useState<NameEdits>({});
  const phone = usePhoneLayout();
  const edited = (item: UploadItem) => (item.actions.rename ? names[item.id] : undefined);
  const onEdit = useCallback<OnEdit>((id, name) => setNames((current) => ({ ...current, [id]: name })), []);
  const definitions: Array<FittedColumn<UploadItem> & { key: QueueColumn }> = [
    {
      key: 'file',
      title: t('queue.columnFile'),
      render: (item) => <ItemName item={item} editedName={edited(item)} onEdit={onEdit} />,
    },
    {
      key: 'progress',
      title: t('queue.columnProgress'),
      width: '20%',
      render: (item) => <ItemProgress item={item} />,
    },
    {
      key: 'status',
      title: t('queue.columnStatus'),
      // The longest state's badge in any language: "FINALISATION", "VERARBEITUNG".
      width: '128px',
      render: (item) => <ItemStateCell item={item} />,
    },
    { key: 'result', title: t('queue.columnResult'), width: '24%', render: (item) => <ItemResult item={item} maxLines={3} /> },
    {
      key: 'actions',
      title: t('queue.columnActions'),
      width: '108px',
      render: (item) => <ItemActionButtons item={item} queue={queue} editedName={edited(item)} offered={offered} />,
    },
  ];
  // The file column is always there: it is the one that takes the width the others leave.
  const columns = phone
    ? fittedColumns<UploadItem>([
        {
          title: t('queue.columnFiles'),
          render: (item) => (
            <PhoneRow item={item} queue={queue} offered={offered} editedName={edited(item)} onEdit={onEdit} shown={shownColumns} />
          ),
        },
      ])
    : fittedColumns(definitions.filter((column) => column.key === 'file' || shownColumns.includes(column.key)));
  const rowHeight = phone ? PHONE_ROW_HEIGHT : ROW_HEIGHT;

  return (
    <Table
      // A new list when the layout changes: virtualized rows keep the height they were first drawn with.
      key={phone ? 'phone' : 'wide'}
      data={(rowsDrawn === undefined ? items : items.slice(0, rowsDrawn)) as UploadItem[]}
      columns={columns}
      rowDataHook="queue-row"
      isApplyColumnWidthStyle
      virtualized
      virtualizedTableHeight={HEADER_HEIGHT + rowHeight * Math.min(items.length, phone ? PHONE_VISIBLE_ROWS : VISIBLE_ROWS)}
      virtualizedLineHeight={rowHeight}
      rowVerticalPadding={phone ? 'small' : undefined}
    >
      <Table.Content />
    </Table>
  );
};

import { useState } from 'react';

import { ConfirmDialog } from '../../../components/confirm-dialog';
import type { Recording } from '../api/recording-queries';
import {
  useBulkRecordingAction,
  type BulkAction,
  type BulkResult,
} from '../api/use-bulk-recording-action';

export interface BulkActionsProps {
  selected: Recording[];
  onDone: () => void;
}

function describeAction(action: BulkAction): string {
  if (action.kind === 'delete') {
    return 'Deleting';
  }
  return action.read ? 'Marking as read' : 'Marking as unread';
}

/** Mark read, mark unread and delete for the selected rows, with progress and failures. */
export function BulkActions({ selected, onDone }: BulkActionsProps) {
  const bulk = useBulkRecordingAction();
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<{ settled: number; total: number; label: string }>();
  const [result, setResult] = useState<{ action: BulkAction; result: BulkResult }>();

  const run = (action: BulkAction) => {
    setResult(undefined);
    setProgress({ settled: 0, total: selected.length, label: describeAction(action) });
    bulk.mutate(
      {
        recordings: selected,
        action,
        onProgress: (settled, total) =>
          setProgress({ settled, total, label: describeAction(action) }),
      },
      {
        onSuccess: (outcome) => {
          setResult({ action, result: outcome });
          onDone();
        },
        onSettled: () => setProgress(undefined),
      },
    );
  };

  const count = selected.length;
  const busy = bulk.isPending;
  return (
    <section className="bulk-actions" aria-label="Selected recordings">
      <p className="bulk-actions__count" aria-live="polite">
        {count === 0 ? 'No recordings selected' : `${count} selected`}
      </p>
      <div className="bulk-actions__buttons">
        <button
          type="button"
          className="button"
          disabled={count === 0 || busy}
          onClick={() => run({ kind: 'set-read', read: true })}
        >
          Mark as read
        </button>
        <button
          type="button"
          className="button"
          disabled={count === 0 || busy}
          onClick={() => run({ kind: 'set-read', read: false })}
        >
          Mark as unread
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={count === 0 || busy}
          onClick={() => setConfirming(true)}
        >
          Delete
        </button>
      </div>
      {progress !== undefined && (
        <div className="bulk-actions__progress" role="status">
          <label>
            {progress.label} {progress.settled} of {progress.total}
            <progress max={progress.total} value={progress.settled} />
          </label>
        </div>
      )}
      {result !== undefined && <BulkReport action={result.action} result={result.result} />}
      <ConfirmDialog
        open={confirming}
        title={count === 1 ? 'Delete 1 recording?' : `Delete ${count} recordings?`}
        confirmLabel="Delete"
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          run({ kind: 'delete' });
        }}
      >
        <p>This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}

function BulkReport({ action, result }: { action: BulkAction; result: BulkResult }) {
  const verb =
    action.kind === 'delete' ? 'deleted' : action.read ? 'marked as read' : 'marked as unread';
  if (result.failed.length === 0) {
    return (
      <p role="status" className="bulk-actions__report">
        {result.succeeded.length} {result.succeeded.length === 1 ? 'recording' : 'recordings'}{' '}
        {verb}.
      </p>
    );
  }
  return (
    <div role="alert" className="bulk-actions__report bulk-actions__report--failed">
      <p>
        {result.succeeded.length} {verb}, {result.failed.length} failed:
      </p>
      <ul>
        {result.failed.map((failure) => (
          <li key={failure.id}>
            {failure.name}: {failure.message}
            {failure.correlationId !== undefined && ` (correlation id ${failure.correlationId})`}
          </li>
        ))}
      </ul>
    </div>
  );
}

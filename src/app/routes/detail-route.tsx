import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, type LoaderFunctionArgs } from 'react-router';
import { toast } from 'sonner';

import { isApiError } from '../../api';
import { RecordingPlayer } from '../../features/player';
import {
  DeleteRecordingButton,
  ReadToggle,
  recordingDetailOptions,
  RecordingFacts,
  RecordingNameEditor,
  UNDO_DELAY_MS,
  usePendingDeletes,
  useUpdateRecording,
} from '../../features/recordings';
import { paths } from '../paths';
import { queryClient } from '../query-client';
import { NotFoundPage } from '../route-error';

/** Waits for the recording, so a missing one shows the not-found page at once. */
export async function loader({ params }: LoaderFunctionArgs) {
  await queryClient.ensureQueryData({
    ...recordingDetailOptions(params.recordingId ?? ''),
    revalidateIfStale: true,
  });
  return null;
}

export function Component() {
  const { recordingId = '' } = useParams();
  const { data: recording, error } = useSuspenseQuery(recordingDetailOptions(recordingId));
  const navigate = useNavigate();
  const update = useUpdateRecording();
  const { scheduleDelete, undoDelete } = usePendingDeletes();

  // Deleted elsewhere since it was loaded: the refetch returned 404.
  if (isApiError(error) && error.status === 404) {
    return <NotFoundPage what="recording" />;
  }

  const name = recording.name ?? recordingId;
  const read = recording.read === true;

  const markRead = () => {
    if (recording.read !== true && !update.isPending) {
      update.mutate({ id: recordingId, changes: { read: true } });
    }
  };

  const deleteWithUndo = () => {
    const toastId = toast(`Deleted “${name}”`, {
      duration: UNDO_DELAY_MS,
      action: {
        label: 'Undo',
        onClick: () => {
          if (undoDelete(recordingId)) {
            toast.success(`Restored “${name}”`);
          }
        },
      },
    });
    scheduleDelete(recordingId, {
      onCommit: () => toast.dismiss(toastId),
      onError: (deleteError) =>
        toast.error(`“${name}” could not be deleted: ${deleteError.message}`),
    });
    void navigate(paths.home());
  };

  return (
    <article className="recording-detail">
      <title>{`${name} · Recordings`}</title>
      <p className="back-link">
        <Link to={paths.home()}>Back to the recordings</Link>
      </p>
      <RecordingNameEditor id={recordingId} name={name} />
      <div className="detail-actions">
        <ReadToggle id={recordingId} read={read} />
        <DeleteRecordingButton name={name} onConfirm={deleteWithUndo} />
      </div>
      <RecordingPlayer
        recordingId={recordingId}
        name={name}
        durationMilliseconds={recording.durationMilliseconds ?? 0}
        dateModified={recording.dateModified ?? ''}
        onPlayedFewSeconds={markRead}
      />
      <RecordingFacts recording={recording} />
    </article>
  );
}

import { useUpdateRecording } from '../api/use-update-recording';

/** Marks the recording read or unread; the change shows before the server confirms it. */
export function ReadToggle({ id, read }: { id: string; read: boolean }) {
  const update = useUpdateRecording();
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => update.mutate({ id, changes: { read: !read } })}
      >
        {read ? 'Mark as unread' : 'Mark as read'}
      </button>
      {update.isError && (
        <p role="alert" className="field-error">
          The read flag was not changed: {update.error.message}
        </p>
      )}
    </>
  );
}

import { useId, useState } from 'react';

import { isApiError } from '../../../api';
import { MAX_NAME_LENGTH, validateRecordingName } from '../api/recording-name';
import { useUpdateRecording } from '../api/use-update-recording';

/**
 * Shows the recording's name as a heading, with a Rename button that turns it
 * into a text box: Enter saves, Escape cancels. An empty or overlong name is
 * rejected before any request, and a name the server rejects is rolled back
 * with a message.
 */
export function RecordingNameEditor({ id, name }: { id: string; name: string }) {
  const update = useUpdateRecording();
  const [draft, setDraft] = useState<string>();
  const [message, setMessage] = useState<string>();
  const inputId = useId();
  const messageId = useId();

  const editing = draft !== undefined;

  const save = () => {
    if (draft === undefined) {
      return;
    }
    const problem = validateRecordingName(draft);
    if (problem !== undefined) {
      setMessage(problem);
      return;
    }
    setDraft(undefined);
    setMessage(undefined);
    if (draft.trim() === name) {
      return;
    }
    update.mutate(
      { id, changes: { name: draft } },
      {
        onError: (error) => {
          const reason = isApiError(error) ? `${error.message} (${error.status})` : error.message;
          setMessage(`The name was not changed: ${reason}`);
        },
      },
    );
  };

  if (!editing) {
    return (
      <div className="name-editor">
        <h1 className="name-editor__title">{name}</h1>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(name);
            setMessage(undefined);
          }}
        >
          Rename
        </button>
        {message !== undefined && (
          <p role="alert" className="field-error">
            {message}
          </p>
        )}
      </div>
    );
  }

  return (
    <form
      className="name-editor name-editor--editing"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <h1 className="visually-hidden">{name}</h1>
      <label htmlFor={inputId}>Recording name</label>
      <input
        id={inputId}
        className="name-editor__input"
        value={draft}
        // Focus moves into the box the user just asked for.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
        maxLength={MAX_NAME_LENGTH * 2}
        aria-invalid={message !== undefined}
        aria-describedby={message === undefined ? undefined : messageId}
        onChange={(event) => {
          setDraft(event.target.value);
          setMessage(undefined);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            setDraft(undefined);
            setMessage(undefined);
          }
        }}
      />
      <button type="submit" className="button button--primary">
        Save
      </button>
      <button
        type="button"
        className="button"
        onClick={() => {
          setDraft(undefined);
          setMessage(undefined);
        }}
      >
        Cancel
      </button>
      {message !== undefined && (
        <p id={messageId} role="alert" className="field-error">
          {message}
        </p>
      )}
    </form>
  );
}

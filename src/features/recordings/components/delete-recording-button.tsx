import { useState } from 'react';

import { ConfirmDialog } from '../../../components/confirm-dialog';

/** A Delete button that requests confirmation before calling `onConfirm`. */
export function DeleteRecordingButton({
  name,
  onConfirm,
}: {
  name: string;
  onConfirm: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
        Delete
      </button>
      <ConfirmDialog
        open={confirming}
        title="Delete this recording?"
        confirmLabel="Delete"
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          onConfirm();
        }}
      >
        <p>“{name}” will be deleted. You can undo for a few seconds after.</p>
      </ConfirmDialog>
    </>
  );
}

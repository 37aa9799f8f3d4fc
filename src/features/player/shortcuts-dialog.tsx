import { useEffect, useRef } from 'react';

import { SHORTCUT_HELP } from './shortcuts';

export interface ShortcutsDialogProps {
  open: boolean;
  onClose: () => void;
}

/** A modal dialog listing the player's keyboard shortcuts. */
export function ShortcutsDialog({ open, onClose }: ShortcutsDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) {
      return;
    }
    if (open && !dialog.open) {
      // jsdom has no showModal; the open attribute is the fallback there.
      if (typeof dialog.showModal === 'function') {
        dialog.showModal();
      } else {
        dialog.setAttribute('open', '');
      }
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="player-shortcuts"
      aria-labelledby="player-shortcuts-title"
      onClose={onClose}
    >
      <h2 id="player-shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        {SHORTCUT_HELP.map((shortcut) => (
          <div key={shortcut.keys}>
            <dt>
              <kbd>{shortcut.keys}</kbd>
            </dt>
            <dd>{shortcut.action}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}

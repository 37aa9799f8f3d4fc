import { Link } from 'react-router';

import { RelativeTime } from '../../../components/relative-time';
import { formatBytes, formatDuration } from '../../../lib/format';
import type { Recording } from '../api/recording-queries';

export interface RecordingsTableProps {
  recordings: Recording[];
  selectedIds: ReadonlySet<string>;
  onSelectionChange: (ids: ReadonlySet<string>) => void;
  recordingHref: (id: string) => string;
  /** Caption read by screen readers, such as "Recordings, page 2 of 5". */
  caption: string;
}

/**
 * Names the other participants of a recording's conversation (every one but the
 * `user`, who made the recording), or the conversation's name when there are none.
 */
export function describeConversation(recording: Recording): string | undefined {
  const conversation = recording.conversation;
  if (conversation === undefined) {
    return undefined;
  }
  const names = conversation.participants
    .filter((participant) => participant.purpose !== 'user')
    .map((participant) => participant.name ?? participant.address)
    .filter((name): name is string => name !== undefined && name !== '');
  if (names.length > 0) {
    return [...new Set(names)].join(', ');
  }
  return conversation.name ?? conversation.address;
}

/** Renders the recordings of one page, with a checkbox per row for bulk actions. */
export function RecordingsTable({
  recordings,
  selectedIds,
  onSelectionChange,
  recordingHref,
  caption,
}: RecordingsTableProps) {
  const ids = recordings.map((recording) => recording.id ?? '');
  const selectedCount = ids.filter((id) => selectedIds.has(id)).length;
  const allSelected = recordings.length > 0 && selectedCount === recordings.length;

  const toggleAll = () => {
    onSelectionChange(allSelected ? new Set() : new Set(ids));
  };
  const toggle = (id: string) => {
    const next = new Set(selectedIds);
    if (next.has(id)) {
      next.delete(id);
    } else {
      next.add(id);
    }
    onSelectionChange(next);
  };

  return (
    // The table scrolls sideways on narrow screens; keyboard users scroll it once focused.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="recordings-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="recordings-table__select">
              <input
                type="checkbox"
                aria-label="Select all recordings on this page"
                checked={allSelected}
                ref={(input) => {
                  if (input !== null) {
                    input.indeterminate = selectedCount > 0 && !allSelected;
                  }
                }}
                onChange={toggleAll}
                disabled={recordings.length === 0}
              />
            </th>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col" className="numeric phone-optional-column">
              Duration
            </th>
            <th scope="col" className="numeric optional-column">
              Size
            </th>
            <th scope="col" className="optional-column">
              Conversation
            </th>
          </tr>
        </thead>
        <tbody>
          {recordings.map((recording) => {
            const id = recording.id ?? '';
            const unread = recording.read !== true;
            const name = recording.name ?? id;
            return (
              <tr key={id} className={unread ? 'is-unread' : undefined}>
                <td className="recordings-table__select">
                  <input
                    type="checkbox"
                    aria-label={`Select ${name}`}
                    checked={selectedIds.has(id)}
                    onChange={() => toggle(id)}
                  />
                </td>
                <th scope="row" className="recordings-table__name">
                  <Link to={recordingHref(id)}>{name}</Link>
                </th>
                <td>
                  <span className={unread ? 'status status--unread' : 'status'}>
                    <span className="status__dot" aria-hidden="true" />
                    <span className="status__text">{unread ? 'Unread' : 'Read'}</span>
                  </span>
                </td>
                <td>
                  {recording.dateCreated === undefined ? (
                    '—'
                  ) : (
                    <RelativeTime date={recording.dateCreated} />
                  )}
                </td>
                <td className="numeric phone-optional-column">
                  {formatDuration(recording.durationMilliseconds ?? 0)}
                </td>
                <td className="numeric optional-column">
                  {formatBytes(recording.contentLength ?? 0)}
                </td>
                <td className="optional-column">{describeConversation(recording) ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Placeholder rows shown while the first page loads. */
export function RecordingsTableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div className="table-scroll" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading recordings…
      </p>
      <table className="recordings-table recordings-table--skeleton" aria-hidden="true">
        <tbody>
          {Array.from({ length: rows }, (_, index) => (
            <tr key={index}>
              {Array.from({ length: 7 }, (_unused, cell) => (
                <td key={cell} className={cell >= 4 ? 'optional-column' : undefined}>
                  <span className="skeleton" />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { useId } from 'react';

import { RelativeTime } from '../../../components/relative-time';
import {
  formatBytes,
  formatDateTime,
  formatDuration,
  formatExactDateTime,
} from '../../../lib/format';
import type { Recording } from '../api/recording-queries';

type Participant = NonNullable<Recording['conversation']>['participants'][number];

function DateFact({ label, date }: { label: string; date: string | undefined }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {date === undefined ? (
          '—'
        ) : (
          <>
            <RelativeTime date={date} />{' '}
            <span className="muted">({formatExactDateTime(date)})</span>
          </>
        )}
      </dd>
    </div>
  );
}

/** The recording's dates, length, size, owner, workspace, read flag and conversation. */
export function RecordingFacts({ recording }: { recording: Recording }) {
  const conversation = recording.conversation;
  return (
    <>
      <dl className="facts">
        <DateFact label="Created" date={recording.dateCreated} />
        <DateFact label="Modified" date={recording.dateModified} />
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(recording.durationMilliseconds ?? 0)}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{formatBytes(recording.contentLength ?? 0)}</dd>
        </div>
        <div>
          <dt>Created by</dt>
          <dd>{recording.createdBy?.name ?? recording.createdBy?.id ?? '—'}</dd>
        </div>
        <div>
          <dt>Workspace</dt>
          <dd>{recording.workspace?.name ?? recording.workspace?.id ?? '—'}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{recording.read === true ? 'Read' : 'Unread'}</dd>
        </div>
      </dl>
      {conversation !== undefined && (
        <section className="conversation" aria-labelledby="conversation-heading">
          <h2 id="conversation-heading">Conversation</h2>
          <dl className="facts">
            {conversation.name !== undefined && (
              <div>
                <dt>Name</dt>
                <dd>{conversation.name}</dd>
              </div>
            )}
            <DateFact label="Started" date={conversation.startTime} />
            <DateFact label="Ended" date={conversation.endTime} />
          </dl>
          {conversation.participants.length > 0 && (
            <ParticipantList participants={conversation.participants} />
          )}
        </section>
      )}
    </>
  );
}

function formatParticipantTime(time: string | undefined): string {
  return time === undefined ? '—' : formatDateTime(time);
}

/**
 * Renders the conversation's participants as a table on wide screens and, below the
 * phone breakpoint in app.css, as one card per participant, because five columns do
 * not fit. CSS hides one of the two, which also removes it from the accessibility tree.
 */
function ParticipantList({ participants }: { participants: readonly Participant[] }) {
  const cardsHeadingId = useId();
  return (
    <>
      {/* Scrolls sideways when the table is wider than the page; keyboard users scroll it once focused. */}
      <div
        className="table-scroll participants-table"
        role="region"
        aria-label="Participants"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
      >
        <table className="participants">
          <caption>Participants</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Address</th>
              <th scope="col">Joined</th>
              <th scope="col">Left</th>
            </tr>
          </thead>
          <tbody>
            {participants.map((participant, index) => (
              <tr key={participant.id ?? index}>
                <th scope="row">{participant.name ?? '—'}</th>
                <td>{participant.purpose ?? '—'}</td>
                <td>{participant.address ?? '—'}</td>
                <td>{formatParticipantTime(participant.startTime)}</td>
                <td>{formatParticipantTime(participant.endTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="participant-cards">
        <h3 id={cardsHeadingId}>Participants</h3>
        <ul aria-labelledby={cardsHeadingId}>
          {participants.map((participant, index) => (
            <li key={participant.id ?? index} className="participant-card">
              <dl>
                <dt>Name</dt>
                <dd>{participant.name ?? '—'}</dd>
                <dt>Role</dt>
                <dd>{participant.purpose ?? '—'}</dd>
                <dt>Address</dt>
                <dd>{participant.address ?? '—'}</dd>
                <dt>Joined</dt>
                <dd>{formatParticipantTime(participant.startTime)}</dd>
                <dt>Left</dt>
                <dd>{formatParticipantTime(participant.endTime)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

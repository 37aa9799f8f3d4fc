import { RelativeTime } from '../../../components/relative-time';
import {
  formatBytes,
  formatDateTime,
  formatDuration,
  formatExactDateTime,
} from '../../../lib/format';
import type { Recording } from '../api/recording-queries';

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
            // Scrolls sideways on narrow screens; keyboard users scroll it once focused.
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            <div className="table-scroll" role="region" aria-label="Participants" tabIndex={0}>
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
                  {conversation.participants.map((participant, index) => (
                    <tr key={participant.id ?? index}>
                      <th scope="row">{participant.name ?? '—'}</th>
                      <td>{participant.purpose ?? '—'}</td>
                      <td>{participant.address ?? '—'}</td>
                      <td>
                        {participant.startTime === undefined
                          ? '—'
                          : formatDateTime(participant.startTime)}
                      </td>
                      <td>
                        {participant.endTime === undefined
                          ? '—'
                          : formatDateTime(participant.endTime)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}

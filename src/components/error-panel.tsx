import { isApiError } from '../api';

export interface ErrorPanelProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** Shows a failed request: message, HTTP status and correlation id, with a retry button. */
export function ErrorPanel({ error, title = 'Something went wrong', onRetry }: ErrorPanelProps) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="error-panel">
      <h2 className="error-panel__title">{title}</h2>
      <p>{message}</p>
      {isApiError(error) && (
        <dl className="error-panel__facts">
          <div>
            <dt>Status</dt>
            <dd>{error.status === 0 ? 'no response' : `${error.status} (${error.code})`}</dd>
          </div>
          {error.correlationId !== undefined && (
            <div>
              <dt>Correlation id</dt>
              <dd>
                <code>{error.correlationId}</code>
              </dd>
            </div>
          )}
        </dl>
      )}
      {onRetry !== undefined && (
        <button type="button" className="button button--primary" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

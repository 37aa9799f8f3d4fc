import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

import { ErrorPanel } from './error-panel';

interface BoundaryProps {
  children: ReactNode;
  title: string | undefined;
  onReset: () => void;
}

interface BoundaryState {
  error: unknown;
  failed: boolean;
}

class ErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: undefined, failed: false };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    // The panel shows the error; the log keeps the component stack for debugging.
    console.warn('A panel failed to render', error, info.componentStack);
  }

  private readonly retry = () => {
    this.props.onReset();
    this.setState({ error: undefined, failed: false });
  };

  override render() {
    if (this.state.failed) {
      return <ErrorPanel error={this.state.error} title={this.props.title} onRetry={this.retry} />;
    }
    return this.props.children;
  }
}

/**
 * Catches errors of the queries below it (and any render error) and shows them
 * with a Retry button that refetches the failed queries.
 */
export function QueryErrorBoundary({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <ErrorBoundary title={title} onReset={reset}>
          {children}
        </ErrorBoundary>
      )}
    </QueryErrorResetBoundary>
  );
}

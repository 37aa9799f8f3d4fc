import { useId } from 'react';
import { Link } from 'react-router';

import { formatCount, formatRecordingCount } from '../../../lib/format';
import { PAGE_SIZES } from '../api/recording-queries';

export interface PaginationProps {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
  /** URL of a page of the list. */
  pageHref: (page: number, pageSize: number) => string;
  onPageSizeChange: (pageSize: number) => void;
}

function PageLink({ to, label, disabled }: { to: string; label: string; disabled: boolean }) {
  if (disabled) {
    return (
      <span className="button button--ghost" aria-disabled="true">
        {label}
      </span>
    );
  }
  return (
    <Link className="button button--ghost" to={to}>
      {label}
    </Link>
  );
}

/** Links to the first, previous, next and last pages, and the page size choice. */
export function Pagination({
  page,
  pageSize,
  pageCount,
  total,
  pageHref,
  onPageSizeChange,
}: PaginationProps) {
  const sizeId = useId();
  const lastPage = Math.max(pageCount, 1);
  return (
    <div className="pagination">
      <nav aria-label="Pages" className="pagination__pages">
        <PageLink to={pageHref(1, pageSize)} label="First page" disabled={page <= 1} />
        <PageLink
          to={pageHref(Math.min(page - 1, lastPage), pageSize)}
          label="Previous page"
          disabled={page <= 1}
        />
        <span className="pagination__position" aria-live="polite">
          Page {formatCount(page)} of {formatCount(lastPage)}
        </span>
        <PageLink to={pageHref(page + 1, pageSize)} label="Next page" disabled={page >= lastPage} />
        <PageLink to={pageHref(lastPage, pageSize)} label="Last page" disabled={page >= lastPage} />
      </nav>
      <div className="pagination__size">
        <label htmlFor={sizeId}>Rows per page</label>
        <select
          id={sizeId}
          value={pageSize}
          onChange={(event) => onPageSizeChange(Number(event.target.value))}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
        <span className="pagination__total">{formatRecordingCount(total)}</span>
      </div>
    </div>
  );
}

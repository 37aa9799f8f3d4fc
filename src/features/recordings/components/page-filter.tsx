import { useId } from 'react';

import { formatRecordingCount } from '../../../lib/format';

/** A text box that narrows the rows of the loaded page by name. */
export function PageFilter({
  value,
  onChange,
  shown,
  loaded,
}: {
  value: string;
  onChange: (value: string) => void;
  shown: number;
  loaded: number;
}) {
  const inputId = useId();
  const hintId = useId();
  return (
    <div className="page-filter" role="search">
      <label htmlFor={inputId}>Filter this page by name</label>
      <input
        id={inputId}
        type="search"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={hintId}
      />
      <p id={hintId} className="hint" aria-live="polite">
        Filters only the {formatRecordingCount(loaded)} on this page
        {value.trim() === '' ? '.' : `: ${shown} match.`}
      </p>
    </div>
  );
}

/** Whether a recording's name contains the filter text, ignoring case and accents. */
export function matchesNameFilter(name: string, filter: string): boolean {
  const normalize = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLocaleLowerCase();
  return normalize(name).includes(normalize(filter.trim()));
}

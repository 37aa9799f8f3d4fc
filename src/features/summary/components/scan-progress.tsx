/** Progress of the scan through every page of recordings, with a Cancel button. */
export function ScanProgress({
  loaded,
  total,
  onCancel,
}: {
  loaded: number;
  total: number | undefined;
  onCancel: () => void;
}) {
  return (
    <div className="scan-progress">
      <label>
        {total === undefined
          ? 'Fetching the first page of recordings…'
          : `Fetched ${loaded} of ${total} recordings`}
        <progress max={total ?? 1} value={total === undefined ? undefined : loaded} />
      </label>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

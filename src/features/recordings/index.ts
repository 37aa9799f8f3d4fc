export { PendingDeletesProvider, UNDO_DELAY_MS, usePendingDeletes } from './api/pending-deletes';
export { MAX_NAME_LENGTH, validateRecordingName } from './api/recording-name';
export {
  recordingCatalogOptions,
  useRecordingCatalog,
  type CatalogProgress,
  type RecordingCatalog,
} from './api/recording-catalog';
export { recordingKeys, type RecordingListParams } from './api/recording-keys';
export {
  DEFAULT_PAGE_SIZE,
  PAGE_SIZES,
  recordingDetailOptions,
  recordingListOptions,
  recordingSummaryOptions,
  type Recording,
  type RecordingListing,
  type RecordingSummary,
} from './api/recording-queries';
export { useDeleteRecording } from './api/use-delete-recording';
export { useUpdateRecording } from './api/use-update-recording';
export { DeleteRecordingButton } from './components/delete-recording-button';
export { ReadToggle } from './components/read-toggle';
export { RecordingFacts } from './components/recording-facts';
export { RecordingNameEditor } from './components/recording-name-editor';
export { RecordingsList } from './components/recordings-list';
export { RecordingsTableSkeleton } from './components/recordings-table';

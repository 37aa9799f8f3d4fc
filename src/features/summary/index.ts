export { computeStatistics, type RecordingStatistics } from './compute-statistics';
export { CatalogStatistics } from './components/catalog-statistics';
export { ReadCounts } from './components/read-counts';
export { ScanProgress } from './components/scan-progress';

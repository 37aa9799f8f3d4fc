export { RecordingPlayer, type RecordingPlayerProps } from './recording-player';

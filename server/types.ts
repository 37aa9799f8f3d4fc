import type { components } from '../src/api/generated/schema.ts';

export type Schemas = components['schemas'];
export type UserRecording = Schemas['UserRecording'];
export type UserRecordingEntityListing = Schemas['UserRecordingEntityListing'];
export type FaxSummary = Schemas['FaxSummary'];
export type DownloadResponse = Schemas['DownloadResponse'];
export type ErrorBody = Schemas['ErrorBody'];
export type Conversation = Schemas['Conversation'];
export type TokenInfo = Schemas['TokenInfo'];
export type FormatId = Schemas['FormatId'];
export type DomainEntityRef = Schemas['DomainEntityRef'];

export const FORMAT_IDS = [
  'WAV',
  'WEBM',
  'WAV_ULAW',
  'OGG_VORBIS',
  'OGG_OPUS',
  'MP3',
  'NONE',
] as const satisfies readonly FormatId[];

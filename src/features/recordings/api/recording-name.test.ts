import { describe, expect, it } from 'vitest';

import { MAX_NAME_LENGTH, validateRecordingName } from './recording-name';

describe('validateRecordingName', () => {
  it('accepts a normal name', () => {
    expect(validateRecordingName('Weekly sync')).toBeUndefined();
  });

  it('rejects an empty or blank name', () => {
    expect(validateRecordingName('')).toBe('Enter a name.');
    expect(validateRecordingName('   ')).toBe('Enter a name.');
  });

  it('accepts exactly the maximum length', () => {
    expect(validateRecordingName('a'.repeat(MAX_NAME_LENGTH))).toBeUndefined();
  });

  it('rejects a name over the maximum', () => {
    expect(validateRecordingName('a'.repeat(MAX_NAME_LENGTH + 1))).toBe(
      'The name is 256 characters long; use at most 255.',
    );
  });

  it('measures the trimmed name', () => {
    expect(validateRecordingName(`  ${'a'.repeat(MAX_NAME_LENGTH)}  `)).toBeUndefined();
  });

  it('counts an emoji as one character', () => {
    expect(validateRecordingName('😀'.repeat(MAX_NAME_LENGTH))).toBeUndefined();
    expect(validateRecordingName('😀'.repeat(MAX_NAME_LENGTH + 1))).toBe(
      'The name is 256 characters long; use at most 255.',
    );
  });
});

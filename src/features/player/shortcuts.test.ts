import { describe, expect, it } from 'vitest';

import { commandForKey, stepPlaybackRate } from './shortcuts';

function press(
  key: string,
  options: { shiftKey?: boolean; ctrlKey?: boolean; target?: EventTarget | null } = {},
) {
  return commandForKey({
    key,
    shiftKey: options.shiftKey ?? false,
    ctrlKey: options.ctrlKey ?? false,
    metaKey: false,
    altKey: false,
    target: options.target ?? document.body,
  });
}

describe('commandForKey', () => {
  it('maps the player keys', () => {
    expect(press(' ')).toEqual({ type: 'toggle-play' });
    expect(press('ArrowLeft')).toEqual({ type: 'skip', seconds: -5 });
    expect(press('ArrowRight', { shiftKey: true })).toEqual({ type: 'skip', seconds: 15 });
    expect(press('Home')).toEqual({ type: 'seek-start' });
    expect(press('End')).toEqual({ type: 'seek-end' });
    expect(press('>')).toEqual({ type: 'speed', direction: 1 });
    expect(press('<')).toEqual({ type: 'speed', direction: -1 });
    expect(press('M')).toEqual({ type: 'toggle-mute' });
    expect(press('?')).toEqual({ type: 'show-shortcuts' });
  });

  it('ignores keys with modifiers', () => {
    expect(press('ArrowLeft', { ctrlKey: true })).toBeUndefined();
  });

  it('leaves typing in text fields alone', () => {
    const input = document.createElement('input');
    input.type = 'text';
    expect(press('m', { target: input })).toBeUndefined();
    expect(press(' ', { target: document.createElement('textarea') })).toBeUndefined();
  });

  it('leaves Space on a button to the button', () => {
    expect(press(' ', { target: document.createElement('button') })).toBeUndefined();
    expect(press('ArrowLeft', { target: document.createElement('button') })).toEqual({
      type: 'skip',
      seconds: -5,
    });
  });

  it('takes arrows on the seek slider but not on other sliders', () => {
    const seek = document.createElement('input');
    seek.type = 'range';
    seek.dataset.playerSeek = '';
    const volume = document.createElement('input');
    volume.type = 'range';

    expect(press('ArrowRight', { target: seek })).toEqual({ type: 'skip', seconds: 5 });
    expect(press('ArrowRight', { target: volume })).toBeUndefined();
  });
});

describe('stepPlaybackRate', () => {
  it('steps through the offered speeds', () => {
    expect(stepPlaybackRate(1, 1)).toBe(1.25);
    expect(stepPlaybackRate(1, -1)).toBe(0.75);
  });

  it('stops at the ends', () => {
    expect(stepPlaybackRate(3, 1)).toBe(3);
    expect(stepPlaybackRate(0.5, -1)).toBe(0.5);
  });

  it('snaps an unlisted speed to a neighbour', () => {
    expect(stepPlaybackRate(1.1, 1)).toBe(1.25);
    expect(stepPlaybackRate(1.1, -1)).toBe(1);
  });
});

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { errorResponse, jsonResponse, stubFetch } from '../../../test/fetch-stub';
import { renderWithProviders } from '../../../test/render';
import { makeRecording } from '../api/test-data';
import { RecordingNameEditor } from './recording-name-editor';

describe('RecordingNameEditor', () => {
  it('saves on Enter', async () => {
    const requests = stubFetch(() => jsonResponse(makeRecording(1, { name: 'New name' })));
    const user = userEvent.setup();
    renderWithProviders(<RecordingNameEditor id="rec-1" name="Old name" />);

    await user.click(await screen.findByRole('button', { name: 'Rename' }));
    const input = screen.getByRole('textbox', { name: 'Recording name' });
    await user.clear(input);
    await user.type(input, 'New name{Enter}');

    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.method).toBe('PUT');
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ name: 'New name' });
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('cancels on Escape without a request', async () => {
    const requests = stubFetch(() => jsonResponse({}));
    const user = userEvent.setup();
    renderWithProviders(<RecordingNameEditor id="rec-1" name="Old name" />);

    await user.click(await screen.findByRole('button', { name: 'Rename' }));
    await user.type(screen.getByRole('textbox', { name: 'Recording name' }), ' changed{Escape}');

    expect(screen.getByRole('heading', { level: 1, name: 'Old name' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(requests).toHaveLength(0);
  });

  it('rejects an empty name before any request', async () => {
    const requests = stubFetch(() => jsonResponse({}));
    const user = userEvent.setup();
    renderWithProviders(<RecordingNameEditor id="rec-1" name="Old name" />);

    await user.click(await screen.findByRole('button', { name: 'Rename' }));
    const input = screen.getByRole('textbox', { name: 'Recording name' });
    await user.clear(input);
    await user.type(input, '{Enter}');

    expect(screen.getByRole('alert')).toHaveTextContent('Enter a name.');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(requests).toHaveLength(0);
  });

  it('reports a rename the server rejects', async () => {
    stubFetch(() => errorResponse(409, 'request.conflict', 'Changed by someone else.'));
    const user = userEvent.setup();
    renderWithProviders(<RecordingNameEditor id="rec-1" name="Old name" />);

    await user.click(await screen.findByRole('button', { name: 'Rename' }));
    const input = screen.getByRole('textbox', { name: 'Recording name' });
    await user.clear(input);
    await user.type(input, 'Other{Enter}');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The name was not changed: Changed by someone else. (409)',
    );
  });
});

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import {
  CONNECTION_STORAGE_KEY,
  readConnectionSettings,
  type ConnectionSettings,
} from '../connection';
import { ConnectionSettingsForm } from './connection-settings-form';

const CLIENT_ID = '2f1c7f3e-0d0a-4b43-9d4a-0f3d2c8a9b11';

function renderForm() {
  const saved: { settings: ConnectionSettings; previous: ConnectionSettings }[] = [];
  render(
    <ConnectionSettingsForm onSaved={(settings, previous) => saved.push({ settings, previous })} />,
  );
  return { saved, user: userEvent.setup() };
}

beforeEach(() => {
  localStorage.clear();
});

describe('ConnectionSettingsForm', () => {
  it('starts with the emulator and no Genesys fields', () => {
    renderForm();
    expect(screen.getByRole('radio', { name: 'This server (local emulator)' })).toBeChecked();
    expect(screen.queryByLabelText('Region')).not.toBeInTheDocument();
  });

  it('shows the redirect URI to register', async () => {
    const { user } = renderForm();
    await user.click(screen.getByRole('radio', { name: 'Genesys Cloud' }));
    expect(screen.getByText(`${window.location.origin}/auth/callback`)).toBeInTheDocument();
  });

  it('offers all 18 regions', async () => {
    const { user } = renderForm();
    await user.click(screen.getByRole('radio', { name: 'Genesys Cloud' }));
    const options = screen.getAllByRole('option');
    expect(options).toHaveLength(18);
    expect(screen.getByRole('option', { name: 'mypurecloud.ie (eu_west_1)' })).toBeInTheDocument();
  });

  it('rejects an empty client id without saving', async () => {
    const { user, saved } = renderForm();
    await user.click(screen.getByRole('radio', { name: 'Genesys Cloud' }));
    await user.type(screen.getByLabelText('OAuth client id'), '   ');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const clientId = screen.getByLabelText('OAuth client id');
    expect(clientId).toHaveAttribute('aria-invalid', 'true');
    expect(clientId).toHaveAccessibleDescription(/^Enter the OAuth client id\./);
    expect(clientId).toHaveFocus();
    expect(saved).toHaveLength(0);
    expect(localStorage.getItem(CONNECTION_STORAGE_KEY)).toBeNull();
  });

  it('clears the error once the id is typed', async () => {
    const { user } = renderForm();
    await user.click(screen.getByRole('radio', { name: 'Genesys Cloud' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.type(screen.getByLabelText('OAuth client id'), 'a');
    expect(screen.getByLabelText('OAuth client id')).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByText('Enter the OAuth client id.')).not.toBeInTheDocument();
  });

  it('stores Genesys settings and reports them', async () => {
    const { user, saved } = renderForm();
    await user.click(screen.getByRole('radio', { name: 'Genesys Cloud' }));
    await user.selectOptions(screen.getByLabelText('Region'), 'ap_northeast_1');
    await user.type(screen.getByLabelText('OAuth client id'), ` ${CLIENT_ID} `);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const expected = { kind: 'genesys', region: 'ap_northeast_1', clientId: CLIENT_ID };
    expect(readConnectionSettings()).toEqual(expected);
    expect(saved).toEqual([{ settings: expected, previous: { kind: 'emulator' } }]);
  });

  it('shows the stored Genesys settings', () => {
    localStorage.setItem(
      CONNECTION_STORAGE_KEY,
      JSON.stringify({ kind: 'genesys', region: 'eu_central_2', clientId: CLIENT_ID }),
    );
    renderForm();
    expect(screen.getByRole('radio', { name: 'Genesys Cloud' })).toBeChecked();
    expect(screen.getByLabelText('Region')).toHaveValue('eu_central_2');
    expect(screen.getByLabelText('OAuth client id')).toHaveValue(CLIENT_ID);
  });
});

import { useId, useState, type FormEvent } from 'react';

import {
  readConnectionSettings,
  redirectUriFor,
  validateClientId,
  writeConnectionSettings,
  type ConnectionSettings,
} from '../connection';
import { DEFAULT_REGION, isRegionKey, regionLabel, REGIONS, type RegionKey } from '../regions';

/**
 * The connection settings: this server (the local emulator) or Genesys Cloud in
 * a region with an OAuth client id. `onSaved` runs after the settings are stored.
 */
export function ConnectionSettingsForm({
  onSaved,
}: {
  onSaved: (settings: ConnectionSettings, previous: ConnectionSettings) => void;
}) {
  const [stored] = useState(readConnectionSettings);
  const [kind, setKind] = useState<ConnectionSettings['kind']>(stored.kind);
  const [region, setRegion] = useState<RegionKey>(
    stored.kind === 'genesys' ? stored.region : DEFAULT_REGION,
  );
  const [clientId, setClientId] = useState(stored.kind === 'genesys' ? stored.clientId : '');
  const [clientIdError, setClientIdError] = useState<string | undefined>();
  const [saveError, setSaveError] = useState<string | undefined>();
  const ids = {
    region: useId(),
    clientId: useId(),
    clientIdHint: useId(),
    clientIdError: useId(),
  };
  const redirectUri = redirectUriFor(globalThis.location.origin);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    let settings: ConnectionSettings = { kind: 'emulator' };
    if (kind === 'genesys') {
      const error = validateClientId(clientId);
      setClientIdError(error);
      if (error !== undefined) {
        document.getElementById(ids.clientId)?.focus();
        return;
      }
      settings = { kind: 'genesys', region, clientId: clientId.trim() };
    }
    try {
      writeConnectionSettings(settings);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
      return;
    }
    setSaveError(undefined);
    onSaved(settings, stored);
  };

  return (
    <form className="settings-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Connect to</legend>
        <label className="settings-form__choice">
          <input
            type="radio"
            name="connection"
            value="emulator"
            checked={kind === 'emulator'}
            onChange={() => setKind('emulator')}
          />
          This server (local emulator)
        </label>
        <label className="settings-form__choice">
          <input
            type="radio"
            name="connection"
            value="genesys"
            checked={kind === 'genesys'}
            onChange={() => setKind('genesys')}
          />
          Genesys Cloud
        </label>
      </fieldset>

      {kind === 'genesys' && (
        <fieldset>
          <legend>Genesys Cloud</legend>
          <div className="settings-form__field">
            <label htmlFor={ids.region}>Region</label>
            <select
              id={ids.region}
              value={region}
              onChange={(event) => {
                if (isRegionKey(event.target.value)) {
                  setRegion(event.target.value);
                }
              }}
            >
              {REGIONS.map((option) => (
                <option key={option.key} value={option.key}>
                  {regionLabel(option)}
                </option>
              ))}
            </select>
          </div>
          <div className="settings-form__field">
            <label htmlFor={ids.clientId}>OAuth client id</label>
            <input
              id={ids.clientId}
              type="text"
              value={clientId}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={clientIdError !== undefined}
              aria-describedby={
                clientIdError === undefined
                  ? ids.clientIdHint
                  : `${ids.clientIdError} ${ids.clientIdHint}`
              }
              onChange={(event) => {
                setClientId(event.target.value);
                if (clientIdError !== undefined) {
                  setClientIdError(validateClientId(event.target.value));
                }
              }}
            />
            {clientIdError !== undefined && (
              <p id={ids.clientIdError} className="field-error">
                {clientIdError}
              </p>
            )}
            <p id={ids.clientIdHint} className="hint">
              The id of an OAuth client of type “Code Authorization / PKCE” in your Genesys Cloud
              organization, with the scopes user-recordings and user-basic-info.
            </p>
          </div>
          <p className="settings-form__field">
            Redirect URI to register on the OAuth client:{' '}
            <code className="settings-form__redirect">{redirectUri}</code>
          </p>
        </fieldset>
      )}

      {saveError !== undefined && (
        <p role="alert" className="field-error">
          The settings could not be saved: {saveError}
        </p>
      )}
      <button type="submit" className="button button--primary">
        Save
      </button>
    </form>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';

import { forgetSession, sameConnection } from '../../auth';
import { ConnectionSettingsForm } from '../../auth/components/connection-settings-form';
import { paths } from '../paths';

export function Component() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  return (
    <section aria-labelledby="settings-heading" className="settings">
      <title>Settings · Recordings</title>
      <h1 id="settings-heading">Settings</h1>
      <p>
        Choose where the app finds the recordings: the local emulator that serves this page, or your
        Genesys Cloud organization.
      </p>
      <ConnectionSettingsForm
        onSaved={(settings, previous) => {
          if (!sameConnection(settings, previous)) {
            // Data and token belong to the old connection; the next page loads from the new one.
            forgetSession();
            queryClient.clear();
          }
          void navigate(paths.home());
        }}
      />
    </section>
  );
}

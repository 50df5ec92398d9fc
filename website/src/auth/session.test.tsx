import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeAuth, tokens } from '../test-support/render-app';
import { SessionProvider, useSession } from './session';

afterEach(cleanup);

function Who() {
  const { status, email } = useSession();
  return <p data-testid="who">{status === 'signedIn' ? email : status}</p>;
}

function storageEvent(key: string | null) {
  act(() => {
    window.dispatchEvent(new StorageEvent('storage', { key, storageArea: localStorage }));
  });
}

describe('the session across tabs', () => {
  it('follows a sign-out and a sign-in made in another tab (the storage event)', async () => {
    let signedIn = true;
    const auth = fakeAuth({ currentSession: vi.fn(async () => (signedIn ? tokens : null)) });
    render(
      <SessionProvider auth={auth}>
        <Who />
      </SessionProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('who').textContent).toBe(tokens.email));

    signedIn = false;
    storageEvent('CognitoIdentityServiceProvider.client.LastAuthUser');
    await waitFor(() => expect(screen.getByTestId('who').textContent).toBe('signedOut'));

    signedIn = true;
    storageEvent('CognitoIdentityServiceProvider.client.rider.idToken');
    await waitFor(() => expect(screen.getByTestId('who').textContent).toBe(tokens.email));
  });

  it('ignores storage changes that are not the session`s', async () => {
    const auth = fakeAuth({ currentSession: vi.fn(async () => tokens) });
    render(
      <SessionProvider auth={auth}>
        <Who />
      </SessionProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('who').textContent).toBe(tokens.email));
    const calls = vi.mocked(auth.currentSession).mock.calls.length;
    storageEvent('wildrydes.ride.v1:rider@example.com');
    storageEvent(null); // localStorage.clear() in another tab
    await waitFor(() => expect(vi.mocked(auth.currentSession).mock.calls.length).toBe(calls + 1));
  });
});

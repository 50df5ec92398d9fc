import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cognitoError, fakeAuth, renderAt, tokens } from '../test-support/render-app';

afterEach(cleanup);

const type = (label: RegExp | string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('register', () => {
  it('shows the pool`s rules ticking off as the password is typed', () => {
    renderAt('/register', fakeAuth());
    const rules = screen.getByRole('list', { name: 'Password rules' });
    expect(rules.querySelectorAll('[data-met="true"]')).toHaveLength(0);
    type(/^Password$/, 'abcDEF12');
    const met = [...rules.querySelectorAll('[data-met="true"]')].map((li) => li.textContent);
    expect(met).toHaveLength(3);
    expect(met.join(' ')).toMatch(/lowercase.*uppercase.*number/);
  });

  it('does not send a password that breaks the rules, and says which rules', async () => {
    const auth = fakeAuth();
    renderAt('/register', auth);
    type('Email', 'rider@example.com');
    type(/^Password$/, 'abcDEF12');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText(/The password needs: at least 12 characters; a symbol/)).toBeTruthy();
    expect(auth.register).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/^Password$/).getAttribute('aria-invalid')).toBe('true');
  });

  it('registers and moves on to verification with the email filled in', async () => {
    const auth = fakeAuth();
    renderAt('/register', auth);
    type('Email', ' rider@example.com ');
    type(/^Password$/, 'Giddy-up-2026!');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('heading', { name: 'Verify your email' });
    expect(auth.register).toHaveBeenCalledWith('rider@example.com', 'Giddy-up-2026!');
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('rider@example.com');
    expect(screen.getByText('We emailed you a verification code.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'local mailbox' }).getAttribute('href')).toBe('http://127.0.0.1:4020/_local/mailbox');
  });

  it('explains an existing account and offers sign-in', async () => {
    renderAt('/register', fakeAuth({ register: vi.fn(async () => Promise.reject(cognitoError('UsernameExistsException'))) }));
    type('Email', 'rider@example.com');
    type(/^Password$/, 'Giddy-up-2026!');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toMatch(/already exists/));
    expect(screen.getByRole('link', { name: 'Go to sign in' }).getAttribute('href')).toBe('/signin?email=rider%40example.com');
  });
});

describe('register: checks and focus', () => {
  it('checks the email before sending, marks the field invalid and focuses it', async () => {
    const auth = fakeAuth();
    renderAt('/register', auth);
    type('Email', 'rider.example.com');
    type(/^Password$/, 'Giddy-up-2026!');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const described = document.getElementById(email.getAttribute('aria-describedby')!.split(' ').at(-1)!);
    expect(described?.textContent).toBe('Enter an email address like name@example.com.');
    expect(auth.register).not.toHaveBeenCalled();
  });

  it('an unmet password rule moves focus to the password field, which names the rules', async () => {
    renderAt('/register', fakeAuth());
    type('Email', 'rider@example.com');
    type(/^Password$/, 'abcDEF12');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    const password = screen.getByLabelText(/^Password$/);
    await waitFor(() => expect(document.activeElement).toBe(password));
    expect(password.getAttribute('aria-describedby')).toMatch(/-error/);
  });

  it('a server error moves focus to the error, not to <body>', async () => {
    renderAt('/register', fakeAuth({ register: vi.fn(async () => Promise.reject(cognitoError('UsernameExistsException'))) }));
    type('Email', 'rider@example.com');
    type(/^Password$/, 'Giddy-up-2026!');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(alert));
  });
});

describe('verify', () => {
  it('a wrong code: one way to get a new code, and focus on the error', async () => {
    const auth = fakeAuth({ confirmRegistration: vi.fn(async () => Promise.reject(cognitoError('CodeMismatchException'))) });
    renderAt('/verify?email=rider%40example.com', auth);
    type('Verification code', '000000');
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    const alert = await screen.findByText(/That code is not right/);
    await waitFor(() => expect(document.activeElement).toBe(alert.closest('[role="alert"]')));
    expect(screen.getAllByRole('button', { name: /new code|resend/i })).toHaveLength(1);
  });

  it('shows a wrong code in plain words and offers a new code', async () => {
    const auth = fakeAuth({ confirmRegistration: vi.fn(async () => Promise.reject(cognitoError('CodeMismatchException'))) });
    renderAt('/verify?email=rider%40example.com', auth);
    type('Verification code', '000000');
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText(/That code is not right/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send a new code' }));
    expect(await screen.findByText('A new code is on its way to r***@e***.')).toBeTruthy();
    expect(auth.resendCode).toHaveBeenCalledWith('rider@example.com');
  });

  it('after a good code, goes to sign-in saying the email is verified', async () => {
    const auth = fakeAuth();
    renderAt('/verify?email=rider%40example.com', auth);
    type('Verification code', ' 123456 ');
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('Your email is verified. Sign in to ride.')).toBeTruthy();
    expect(auth.confirmRegistration).toHaveBeenCalledWith('rider@example.com', ' 123456 ');
    expect(window.location.pathname).toBe('/signin');
  });
});

describe('sign in', () => {
  it('a wrong password replaces the notice above it and takes focus', async () => {
    const auth = fakeAuth({ signIn: vi.fn(async () => Promise.reject(cognitoError('NotAuthorizedException', 'Incorrect username or password.'))) });
    renderAt('/signin?email=rider%40example.com&notice=verified', auth);
    expect(screen.getByText('Your email is verified. Sign in to ride.')).toBeTruthy();
    type(/^Password$/, 'wrong');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const error = await screen.findByText(/Incorrect email or password\./);
    await waitFor(() => expect(document.activeElement).toBe(error.closest('[role="alert"]')));
    expect(screen.queryByText('Your email is verified. Sign in to ride.')).toBeNull();
  });

  it('shows a wrong password as "Incorrect email or password" with a way to reset it', async () => {
    const auth = fakeAuth({ signIn: vi.fn(async () => Promise.reject(cognitoError('NotAuthorizedException', 'Incorrect username or password.'))) });
    renderAt('/signin', auth);
    type('Email', 'rider@example.com');
    type(/^Password$/, 'wrong');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/Incorrect email or password\./)).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'Forgot your password?' }).length).toBeGreaterThan(0);
  });

  it('offers verification to an unconfirmed account, sending a fresh code', async () => {
    const auth = fakeAuth({ signIn: vi.fn(async () => ({ kind: 'needsVerification' as const })) });
    renderAt('/signin', auth);
    type('Email', 'rider@example.com');
    type(/^Password$/, 'Giddy-up-2026!');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/not verified yet/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send a code and verify' }));
    await screen.findByRole('heading', { name: 'Verify your email' });
    expect(auth.resendCode).toHaveBeenCalledWith('rider@example.com');
  });

  it('a signed-out visit to the ride page goes to sign-in, and back to the ride page after', async () => {
    let signedIn = false;
    const auth = fakeAuth({
      currentSession: vi.fn(async () => (signedIn ? tokens : null)),
      signIn: vi.fn(async () => {
        signedIn = true;
        return { kind: 'signedIn' as const };
      }),
    });
    renderAt('/ride', auth);
    expect(await screen.findByText('Please sign in to request a unicorn.')).toBeTruthy();
    expect(window.location.pathname + window.location.search).toBe('/signin?next=%2Fride&notice=signin');
    type('Email', 'rider@example.com');
    type(/^Password$/, 'Giddy-up-2026!');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(window.location.pathname).toBe('/ride'));
    // The ride page's code arrives after the navigation: focus still ends on its heading, not <main>.
    const heading = await screen.findByRole('heading', { level: 1, name: 'Where should we pick you up?' }, { timeout: 20_000 });
    await waitFor(() => expect(document.activeElement).toBe(heading), { timeout: 5_000 });
  }, 30_000);

  it('ignores a foreign "next" target (no open redirect)', async () => {
    const auth = fakeAuth({ currentSession: vi.fn(async () => tokens) });
    renderAt('/signin?next=//evil.example/', auth);
    await waitFor(() => expect(window.location.pathname).toBe('/ride'));
  });
});

describe('forgot password', () => {
  it('after sending the code, focus lands on the message that says where it went', async () => {
    renderAt('/forgot?email=rider%40example.com', fakeAuth());
    fireEvent.click(screen.getByRole('button', { name: 'Send reset code' }));
    const info = await screen.findByText('We sent a reset code to r***@e***.');
    await waitFor(() => expect(document.activeElement).toBe(info.closest('[role="status"]')));
    expect(screen.getAllByRole('button', { name: /new code/i })).toHaveLength(1);
  });

  it('a refused email takes focus to the error', async () => {
    renderAt('/forgot', fakeAuth({ forgotPassword: vi.fn(async () => Promise.reject(cognitoError('LimitExceededException'))) }));
    type('Email', 'rider@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Send reset code' }));
    const alert = await screen.findByText(/Too many attempts/);
    await waitFor(() => expect(document.activeElement).toBe(alert.closest('[role="alert"]')));
  });

  it('sends a code, then checks the new password against the rules before sending it', async () => {
    const auth = fakeAuth({ confirmForgotPassword: vi.fn(async () => Promise.reject(cognitoError('ExpiredCodeException'))) });
    renderAt('/forgot?email=rider%40example.com', auth);
    fireEvent.click(screen.getByRole('button', { name: 'Send reset code' }));
    expect(await screen.findByText('We sent a reset code to r***@e***.')).toBeTruthy();
    type('Reset code', '123456');
    type(/^New password$/, 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText(/The password needs/)).toBeTruthy();
    expect(auth.confirmForgotPassword).not.toHaveBeenCalled();
    type(/^New password$/, 'Giddy-up-2026!');
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText(/That code has expired/)).toBeTruthy();
    expect(auth.confirmForgotPassword).toHaveBeenCalledWith('rider@example.com', '123456', 'Giddy-up-2026!');
  });
});

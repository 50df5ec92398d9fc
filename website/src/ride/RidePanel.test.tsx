import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RouterProvider } from '../router/router';
import { initialRideState, type RideState } from './ride-machine';
import { RidePanel } from './RidePanel';
import type { Ride } from './types';

afterEach(cleanup);

const pin = { lat: 47.60621, lng: -122.33207 };
const ride: Ride = { rideId: 'r1', unicorn: { name: 'Shadowfax', color: 'White' }, etaSeconds: 30, etaText: '30 seconds' };

function renderPanel(state: RideState) {
  const handlers = { onRequest: vi.fn(), onSetPinAtCenter: vi.fn(), onNewRide: vi.fn() };
  render(
    <RouterProvider>
      <RidePanel state={state} {...handlers} />
    </RouterProvider>,
  );
  return handlers;
}

const requestButton = () => screen.getByTestId('request') as HTMLButtonElement;

describe('RidePanel', () => {
  it('without a pin: request disabled, a keyboard way to set the pin offered', () => {
    const handlers = renderPanel(initialRideState);
    expect(requestButton().disabled).toBe(true);
    expect(screen.getByText('No pickup set yet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Set pickup at map centre' }));
    expect(handlers.onSetPinAtCenter).toHaveBeenCalledOnce();
  });

  it('with a pin: shows it and enables the request', () => {
    const handlers = renderPanel({ phase: 'choosing', pin });
    expect(screen.getByTestId('pin').textContent).toBe('Pickup: 47.60621, -122.33207');
    expect(requestButton().disabled).toBe(false);
    fireEvent.click(requestButton());
    expect(handlers.onRequest).toHaveBeenCalledOnce();
  });

  it('while requesting: the button shows progress and cannot be pressed again', () => {
    renderPanel({ phase: 'requesting', pin });
    expect(requestButton().disabled).toBe(true);
    expect(requestButton().getAttribute('aria-busy')).toBe('true');
    expect(requestButton().textContent).toMatch(/Finding a unicorn/);
    expect(screen.getByRole('status').textContent).toMatch(/Asking the stables/);
  });

  it('en route: names the unicorn, its colour and ETA', () => {
    renderPanel({ phase: 'enRoute', pin, ride, startedAt: Date.now(), travelMs: 3000 });
    expect(screen.getByTestId('ride-status').textContent).toMatch(/^Shadowfax \(White\) is on the way\. ETA 30 seconds\./);
    expect(requestButton().disabled).toBe(true);
  });

  it('arrived: says so and offers a new ride', () => {
    const handlers = renderPanel({ phase: 'arrived', pin, ride });
    expect(screen.getByTestId('ride-status').textContent).toBe('Shadowfax has arrived. Giddy up!');
    fireEvent.click(screen.getByRole('button', { name: 'New ride' }));
    expect(handlers.onNewRide).toHaveBeenCalledOnce();
  });

  it('failed: shows status and message as an alert, and the button retries', () => {
    const handlers = renderPanel({ phase: 'failed', pin, error: { status: 403, message: 'Missing Authentication Token' } });
    expect(screen.getByRole('alert').textContent).toBe('Request failed (HTTP 403): Missing Authentication Token');
    expect(requestButton().textContent).toBe('Retry request');
    fireEvent.click(requestButton());
    expect(handlers.onRequest).toHaveBeenCalledOnce();
  });

  it('a refused token offers signing in again', () => {
    renderPanel({ phase: 'failed', pin, error: { status: 401, message: 'Unauthorized', signInAgain: true } });
    expect(screen.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe('/signin?next=/ride');
  });
});

describe('RidePanel for screen readers', () => {
  function renderStates(first: RideState) {
    const handlers = { onRequest: vi.fn(), onSetPinAtCenter: vi.fn(), onNewRide: vi.fn() };
    const ui = (state: RideState) => (
      <RouterProvider>
        <RidePanel state={state} {...handlers} />
      </RouterProvider>
    );
    const { rerender } = render(ui(first));
    return (state: RideState) => rerender(ui(state));
  }

  it('announces the pin through a polite live region', () => {
    const show = renderStates(initialRideState);
    const pinLine = screen.getByTestId('pin');
    expect(pinLine.getAttribute('aria-live')).toBe('polite');
    show({ phase: 'choosing', pin });
    expect(screen.getByTestId('pin')).toBe(pinLine);
    expect(pinLine.textContent).toBe('Pickup: 47.60621, -122.33207');
  });

  it('keeps the same live regions through every phase, changing only their text', () => {
    const show = renderStates({ phase: 'choosing', pin });
    const status = screen.getByRole('status');
    const alert = screen.getByRole('alert');
    show({ phase: 'requesting', pin });
    show({ phase: 'failed', pin, error: { message: 'Offline' } });
    expect(screen.getByRole('alert')).toBe(alert);
    expect(alert.textContent).toMatch(/Offline/);
    expect(screen.getByRole('status')).toBe(status);
    show({ phase: 'requesting', pin });
    show({ phase: 'enRoute', pin, ride, startedAt: Date.now(), travelMs: 3000 });
    expect(screen.getByRole('status')).toBe(status);
    expect(status.textContent).toMatch(/Shadowfax/);
    expect(alert.textContent).toBe('');
  });

  it('moves focus to the answer once the request button has disabled itself', () => {
    const show = renderStates({ phase: 'choosing', pin });
    requestButton().focus();
    show({ phase: 'requesting', pin });
    show({ phase: 'enRoute', pin, ride, startedAt: Date.now(), travelMs: 3000 });
    expect(document.activeElement).toBe(screen.getByRole('status'));
    show({ phase: 'arrived', pin, ride });
    show({ phase: 'choosing', pin });
    requestButton().focus();
    show({ phase: 'requesting', pin });
    show({ phase: 'failed', pin, error: { message: 'Offline' } });
    expect(document.activeElement).toBe(screen.getByRole('alert'));
  });

  it('shows no empty message box before any request', () => {
    renderStates({ phase: 'choosing', pin });
    expect(screen.getByRole('status').className).toMatch(/status--empty/);
    expect(screen.getByRole('alert').className).toMatch(/status--empty/);
  });
});

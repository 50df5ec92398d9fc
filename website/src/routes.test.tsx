import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEEP_LINK_FOLDERS } from '../vite.config';
import { NOT_FOUND, ROUTES, routeFor } from './routes';
import { fakeAuth, renderAt, tokens } from './test-support/render-app';

afterEach(cleanup);

const signedIn = () => fakeAuth({ currentSession: vi.fn(async () => tokens) });
const notFoundHeading = 'This trail goes nowhere';

describe('the route table (routes.ts)', () => {
  it('is the build`s list of deep links: every path but / gets its own index.html', () => {
    expect([...DEEP_LINK_FOLDERS].sort()).toEqual(ROUTES.filter((r) => r.path !== '/').map((r) => r.path.slice(1)).sort());
  });

  it('gives each path one route, whatever the trailing slashes', () => {
    expect(new Set(ROUTES.map((r) => r.path)).size).toBe(ROUTES.length);
    for (const route of ROUTES) expect(routeFor(`${route.path}//`)).toBe(route);
    expect(routeFor('/nowhere')).toBe(NOT_FOUND);
  });

  it.each(ROUTES.map((route) => [route.path, route] as const))('%s is rendered by the app with its title and layout', { timeout: 30_000 }, async (path, route) => {
    // A signed-in rider who opens a signed-out page (/signin, /register…) is sent on to the ride page,
    // which raced the layout check: each page is rendered for the rider it is meant for.
    const { container } = renderAt(path, route.signIn ? signedIn() : fakeAuth());
    await waitFor(() => expect(document.title).toBe(`${route.title} · Wild Rydes`));
    // The ride page's code is split off: loading it (Leaflet too) can take a while on a busy machine.
    expect(await screen.findByRole('heading', { level: 1 }, { timeout: 20_000 })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: notFoundHeading })).toBeNull();
    expect(container.querySelector('main')!.classList.contains('main--wide')).toBe(route.layout === 'wide');
  });

  it.each(ROUTES.filter((route) => route.signIn).map((route) => route.path))('%s sends a signed-out rider to sign in and back', async (path) => {
    renderAt(path, fakeAuth());
    await waitFor(() => expect(window.location.pathname).toBe('/signin'));
    expect(new URLSearchParams(window.location.search).get('next')).toBe(path);
  });

  it('any other path is the not-found page', async () => {
    renderAt('/nowhere', fakeAuth());
    expect(await screen.findByRole('heading', { name: notFoundHeading })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Not found · Wild Rydes'));
  });
});

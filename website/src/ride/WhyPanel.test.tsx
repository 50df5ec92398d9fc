import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WhyPanel, type RequestTrace } from './WhyPanel';

afterEach(cleanup);

const refused: RequestTrace = {
  requestId: 'r-1',
  status: 401,
  authMode: 'cognito',
  who: 'anonymous',
  checks: [
    { step: 'route', outcome: 'passed', reason: 'stage prod, resource /ride, method POST (authorization COGNITO_USER_POOLS)' },
    { step: 'authorize', outcome: 'refused', reason: 'the token expired 3 minutes ago (exp 2026-12-02T19:00:00.000Z); sign in again or refresh it' },
  ],
  refusal: { step: 'authorize', responseType: 'UNAUTHORIZED', reason: 'the token expired 3 minutes ago (exp 2026-12-02T19:00:00.000Z); sign in again or refresh it' },
};

describe('WhyPanel', () => {
  it('shows why a request was refused, fetched by its request id from the local cloud', async () => {
    const load = vi.fn(async () => refused);
    render(<WhyPanel requestId="r-1" local load={load} />);
    expect((await screen.findByTestId('why-refusal')).textContent).toContain('401 refused by authorize (UNAUTHORIZED): the token expired 3 minutes ago');
    expect(load).toHaveBeenCalledWith('r-1');
    expect(screen.getByTestId('why-checks').querySelectorAll('li[data-outcome="passed"]')).toHaveLength(1);
  });

  it('shows the checks a success passed', async () => {
    const ok: RequestTrace = { ...refused, status: 201, who: 'alice', checks: [{ step: 'authorize', outcome: 'passed', reason: 'ID token verified: signed with key id k1' }] };
    delete ok.refusal;
    render(<WhyPanel requestId="r-2" local load={async () => ok} />);
    expect((await screen.findByTestId('why-success')).textContent).toContain('201: every check passed for alice');
    expect((screen.getByTestId('why-checks')).textContent).toContain('ID token verified: signed with key id k1');
  });

  it('against a deployed stack, says the explanation is local only and asks nothing', () => {
    const load = vi.fn(async () => refused);
    render(<WhyPanel requestId="r-3" local={false} load={load} />);
    expect((screen.getByTestId('why-remote')).textContent).toContain('available locally only');
    expect(load).not.toHaveBeenCalled();
  });

  it('says so when the local cloud has no trace of the request', async () => {
    render(<WhyPanel requestId="r-4" local load={async () => undefined} />);
    expect((await screen.findByTestId('why-missing')).textContent).toContain('keeps no trace');
  });
});

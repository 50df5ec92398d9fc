import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestInspector } from './RequestInspector';
import type { CapturedExchange } from './wire-tap';

afterEach(cleanup);

const exchange = (requestHeaders: Record<string, string>, status: number | undefined, responseBody?: string): CapturedExchange => ({
  method: 'POST',
  url: 'http://127.0.0.1:4010/prod/ride',
  requestHeaders,
  requestBody: '{"PickupLocation":{"Latitude":47.6,"Longitude":-122.3}}',
  status,
  responseBody,
  networkError: status === undefined ? 'Failed to fetch' : undefined,
});

const headerRow = (name: string) => screen.getByTestId('inspector-headers').querySelector(`tr[data-header="${name}"]`);

describe('RequestInspector', () => {
  it('before any request: names the mode and says nothing was sent yet', () => {
    render(<RequestInspector authMode="iam" exchange={null} loadClaims={async () => null} />);
    expect(screen.getByTestId('inspector-mode').textContent).toBe('iam');
    expect(screen.getByText(/SigV4/)).toBeTruthy();
    expect(screen.getByText(/No request yet/)).toBeTruthy();
  });

  it('cognito: shows the token shortened, the status and the answer', () => {
    const token = `eyJraWQiOiJ${'k'.repeat(700)}ZZZZZZ`;
    render(
      <RequestInspector
        authMode="cognito"
        exchange={exchange({ authorization: token, 'content-type': 'application/json' }, 201, '{"RideId":"r1","UnicornName":"Shadowfax"}')}
        loadClaims={async () => null}
      />,
    );
    const auth = headerRow('authorization');
    expect(auth?.textContent).toContain('eyJraWQiOiJk…ZZZZZZ');
    expect(auth?.textContent).not.toContain(token);
    expect(screen.getByTestId('inspector-status').textContent).toBe('201');
    expect(screen.getByTestId('inspector-response').textContent).toContain('"UnicornName": "Shadowfax"');
    expect(screen.queryByTestId('inspector-no-auth')).toBeNull();
  });

  it('iam: lists the SigV4 headers that went on the wire', () => {
    render(
      <RequestInspector
        authMode="iam"
        identityId="us-east-1:abcd"
        exchange={exchange(
          {
            authorization: `AWS4-HMAC-SHA256 Credential=ASIA1/20261121/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'a'.repeat(64)}`,
            'x-amz-date': '20261121T101500Z',
            'x-amz-security-token': 'T'.repeat(400),
            'content-type': 'application/json',
          },
          201,
          '{}',
        )}
        loadClaims={async () => null}
      />,
    );
    const names = [...screen.getByTestId('inspector-headers').querySelectorAll('tbody th')].map((th) => th.textContent);
    expect(names).toEqual(['authorization', 'x-amz-date', 'x-amz-security-token', 'content-type']);
    expect(headerRow('authorization')?.textContent).toMatch(/AWS4-HMAC-SHA256 Credential=ASIA1.*Signature=aaaaaaaa…/);
    expect(screen.getByText('us-east-1:abcd')).toBeTruthy();
  });

  it('none: says plainly that no Authorization header was sent; shows an error answer', () => {
    render(<RequestInspector authMode="none" exchange={exchange({ 'content-type': 'application/json' }, 403, '{"message":"Forbidden"}')} loadClaims={async () => null} />);
    expect(screen.getByTestId('inspector-no-auth').textContent).toBe('No Authorization header was sent.');
    expect(screen.getByTestId('inspector-status').textContent).toBe('403');
    expect(screen.getByTestId('inspector-response').textContent).toContain('"message": "Forbidden"');
  });

  it('no response at all: says so instead of a status', () => {
    render(<RequestInspector authMode="none" exchange={exchange({}, undefined)} loadClaims={async () => null} />);
    expect(screen.getByTestId('inspector-status').textContent).toBe('no response (Failed to fetch)');
  });

  it('decodes the ID-token claims on demand only', async () => {
    const loadClaims = vi.fn(async () => ({ email: 'rider@example.com', token_use: 'id' }));
    render(<RequestInspector authMode="cognito" exchange={null} loadClaims={loadClaims} />);
    expect(loadClaims).not.toHaveBeenCalled();
    const button = screen.getByRole('button', { name: 'Show ID-token claims' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    const claims = await screen.findByTestId('inspector-claims');
    expect(within(claims.parentElement!).getByRole('button', { name: 'Hide ID-token claims' }).getAttribute('aria-expanded')).toBe('true');
    expect(JSON.parse(claims.textContent!)).toEqual({ email: 'rider@example.com', token_use: 'id' });
    fireEvent.click(screen.getByRole('button', { name: 'Hide ID-token claims' }));
    expect(screen.queryByTestId('inspector-claims')).toBeNull();
  });
});

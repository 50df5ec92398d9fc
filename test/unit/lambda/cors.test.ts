import { describe, expect, it } from 'vitest';
import { corsHeaders, parseAllowedOrigins } from '../../../lambda/ride/cors.js';

describe('corsHeaders', () => {
  it('allows any origin with *', () => {
    expect(corsHeaders(['*'], 'https://evil.example')).toEqual({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'x-amzn-RequestId,x-amz-apigw-id' });
  });

  it('echoes an allowed origin and varies on it', () => {
    expect(corsHeaders(['https://a.example', 'https://b.example'], 'https://b.example')).toEqual({
      'Access-Control-Allow-Origin': 'https://b.example',
      Vary: 'Origin',
      'Access-Control-Expose-Headers': 'x-amzn-RequestId,x-amz-apigw-id',
    });
  });

  it('never echoes an origin that is not on the list', () => {
    expect(corsHeaders(['https://a.example'], 'https://evil.example')['Access-Control-Allow-Origin']).toBe('https://a.example');
  });
});

describe('parseAllowedOrigins', () => {
  it('reads a comma-separated list and defaults to *', () => {
    expect(parseAllowedOrigins('https://a.example, https://b.example')).toEqual(['https://a.example', 'https://b.example']);
    expect(parseAllowedOrigins(undefined)).toEqual(['*']);
    expect(parseAllowedOrigins(' , ')).toEqual(['*']);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluatePolicies, type PolicyDocument } from '../../../local/iam/index.js';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/POST/ride';
const from = (ip: string) => ({ 'aws:SourceIp': ip });

/** The API Gateway developer guide's source-IP resource policy: Allow all, Deny outside the ranges. */
const sourceIpPolicy = (ranges: string[]): PolicyDocument => ({
  Statement: [
    { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' },
    { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': ranges } } },
  ],
});

describe('IP address condition operators', () => {
  it('IpAddress matches an IPv4 address in any of the ranges, and only then', () => {
    const condition = { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.7/32'] } };
    expect(evaluateCondition(condition, from('203.0.113.200'))).toBe('match');
    expect(evaluateCondition(condition, from('198.51.100.7'))).toBe('match');
    expect(evaluateCondition(condition, from('198.51.100.8'))).toBe('nomatch');
    expect(evaluateCondition(condition, from('203.0.114.1'))).toBe('nomatch');
  });

  it('reads a single value, a bare address (/32) and prefixes that do not end on a byte', () => {
    expect(evaluateCondition({ IpAddress: { 'aws:SourceIp': '10.0.0.1' } }, from('10.0.0.1'))).toBe('match');
    expect(evaluateCondition({ IpAddress: { 'aws:SourceIp': '10.0.0.1' } }, from('10.0.0.2'))).toBe('nomatch');
    expect(evaluateCondition({ IpAddress: { 'aws:SourceIp': '172.16.0.0/12' } }, from('172.31.255.255'))).toBe('match');
    expect(evaluateCondition({ IpAddress: { 'aws:SourceIp': '172.16.0.0/12' } }, from('172.32.0.0'))).toBe('nomatch');
    expect(evaluateCondition({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, from('8.8.8.8'))).toBe('match');
  });

  it('IPv6: ranges and addresses, never across families; an IPv4-mapped client is its IPv4 address', () => {
    const v6 = { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } };
    expect(evaluateCondition(v6, from('2001:db8:1234::1'))).toBe('match');
    expect(evaluateCondition(v6, from('2001:db9::1'))).toBe('nomatch');
    expect(evaluateCondition(v6, from('32.1.13.184'))).toBe('nomatch');
    expect(evaluateCondition({ IpAddress: { 'aws:SourceIp': '::1/128' } }, from('::1'))).toBe('match');
    expect(evaluateCondition({ IpAddress: { 'aws:SourceIp': '127.0.0.1/32' } }, from('::ffff:127.0.0.1'))).toBe('match');
    expect(evaluateCondition({ IpAddress: { 'aws:SourceIp': '127.0.0.1/32' } }, from('::1'))).toBe('nomatch');
  });

  it('NotIpAddress is the negation, and several operators and keys must all hold', () => {
    const condition = { NotIpAddress: { 'aws:SourceIp': ['127.0.0.1/32', '::1/128'] } };
    expect(evaluateCondition(condition, from('127.0.0.1'))).toBe('nomatch');
    expect(evaluateCondition(condition, from('::1'))).toBe('nomatch');
    expect(evaluateCondition(condition, from('192.0.2.1'))).toBe('match');
    const both = { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, NotIpAddress: { 'aws:SourceIp': '10.1.0.0/16' } };
    expect(evaluateCondition(both, from('10.2.3.4'))).toBe('match');
    expect(evaluateCondition(both, from('10.1.3.4'))).toBe('nomatch');
  });

  it('finds the key whatever the case of its name', () => {
    expect(evaluateCondition({ IpAddress: { 'AWS:SOURCEIP': '10.0.0.0/8' } }, from('10.0.0.1'))).toBe('match');
  });

  it('cannot check another operator, a key this cloud does not model, or a malformed range', () => {
    expect(evaluateCondition({ DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' })).toBe('unknown');
    expect(evaluateCondition({ 'ForAnyValue:StringLike': { 'aws:SourceIp': '10.*' } }, from('10.0.0.1'))).toBe('unknown');
    expect(evaluateCondition({ IpAddress: { 'aws:SourceVpce': 'vpce-1' } }, from('10.0.0.1'))).toBe('unknown');
    expect(evaluateCondition({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, undefined)).toBe('unknown');
    expect(evaluateCondition({ IpAddress: { 'aws:SourceIp': '10.0.0.0/99' } }, from('10.0.0.1'))).toBe('unknown');
    expect(evaluateCondition({ IpAddress: { 'aws:SourceIp': [] } }, from('10.0.0.1'))).toBe('unknown');
    expect(evaluateCondition({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', 42] } }, from('10.0.0.1'))).toBe('unknown');
  });
});

describe('policies with conditions', () => {
  it('the source-IP resource policy allows inside the ranges and denies explicitly outside', () => {
    const policy = sourceIpPolicy(['203.0.113.0/24', '2001:db8::/32']);
    expect(evaluatePolicies([policy], 'execute-api:Invoke', ARN, from('203.0.113.9'))).toBe('Allow');
    expect(evaluatePolicies([policy], 'execute-api:Invoke', ARN, from('2001:db8::9'))).toBe('Allow');
    expect(evaluatePolicies([policy], 'execute-api:Invoke', ARN, from('198.51.100.1'))).toBe('ExplicitDeny');
    expect(evaluatePolicies([policy], 'execute-api:Invoke', ARN, from('::1'))).toBe('ExplicitDeny');
  });

  it('an Allow with an IpAddress condition grants only to the ranges', () => {
    const policy: PolicyDocument = { Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: ARN, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] };
    expect(evaluatePolicies([policy], 'execute-api:Invoke', ARN, from('10.9.9.9'))).toBe('Allow');
    expect(evaluatePolicies([policy], 'execute-api:Invoke', ARN, from('11.0.0.1'))).toBe('ImplicitDeny');
  });

  it('a condition it cannot check still never grants and always denies', () => {
    const unknown = { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } };
    expect(evaluatePolicies([{ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', ...unknown }] }], 'execute-api:Invoke', ARN, from('10.0.0.1'))).toBe('ImplicitDeny');
    const allowAll: PolicyDocument = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    expect(evaluatePolicies([allowAll, { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', ...unknown }] }], 'execute-api:Invoke', ARN, from('10.0.0.1'))).toBe('ExplicitDeny');
  });

  it('a conditional Deny on another resource does not apply', () => {
    const policy: PolicyDocument = {
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: '*', Resource: 'arn:aws:execute-api:*:*:*/prod/GET/*', Condition: { StringEquals: { x: 'y' } } },
      ],
    };
    expect(evaluatePolicies([policy], 'execute-api:Invoke', ARN, from('10.0.0.1'))).toBe('Allow');
  });
});

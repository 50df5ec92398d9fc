import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluatePolicies, type PolicyDocument, type RequestContext } from '../../../local/iam/index.js';

const BUCKET = 'arn:aws:s3:::wildrydes-riderfiles';
const SUB = '${cognito-identity.amazonaws.com:sub}';
const ANA = 'us-east-1:11111111-1111-4111-a111-111111111111';
const BEN = 'us-east-1:22222222-2222-4222-a222-222222222222';

/** The riders' grants of lib/rider-files.ts, as the template resolves them. */
const riderPolicy: PolicyDocument = {
  Statement: [
    { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], Resource: `${BUCKET}/private/${SUB}/*` },
    { Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: `${BUCKET}/protected/${SUB}/*` },
    { Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/protected/*` },
    { Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET, Condition: { StringLike: { 's3:prefix': [`private/${SUB}/`, `private/${SUB}/*`, `protected/${SUB}/`, `protected/${SUB}/*`] } } },
  ],
};
/** What enforceSSL adds to the bucket policy. */
const tlsOnly: PolicyDocument = { Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] };

const as = (sub: string, extra: RequestContext = {}): RequestContext => ({ 'cognito-identity.amazonaws.com:sub': sub, 'aws:SecureTransport': 'true', ...extra });

describe('policy variables in Resource', () => {
  it('${cognito-identity.amazonaws.com:sub} confines each rider to their own private prefix', () => {
    expect(evaluatePolicies([riderPolicy], 's3:PutObject', `${BUCKET}/private/${ANA}/photo.jpg`, as(ANA))).toBe('Allow');
    expect(evaluatePolicies([riderPolicy], 's3:GetObject', `${BUCKET}/private/${ANA}/photo.jpg`, as(ANA))).toBe('Allow');
    expect(evaluatePolicies([riderPolicy], 's3:GetObject', `${BUCKET}/private/${ANA}/photo.jpg`, as(BEN))).toBe('ImplicitDeny');
    expect(evaluatePolicies([riderPolicy], 's3:PutObject', `${BUCKET}/private/${ANA}/x`, as(BEN))).toBe('ImplicitDeny');
    expect(evaluatePolicies([riderPolicy], 's3:DeleteObject', `${BUCKET}/private/${ANA}/x`, as(BEN))).toBe('ImplicitDeny');
  });

  it('protected/: everyone reads, only the owner writes', () => {
    expect(evaluatePolicies([riderPolicy], 's3:GetObject', `${BUCKET}/protected/${ANA}/photo`, as(BEN))).toBe('Allow');
    expect(evaluatePolicies([riderPolicy], 's3:PutObject', `${BUCKET}/protected/${ANA}/photo`, as(BEN))).toBe('ImplicitDeny');
    expect(evaluatePolicies([riderPolicy], 's3:PutObject', `${BUCKET}/protected/${BEN}/photo`, as(BEN))).toBe('Allow');
  });

  it('a substituted value is literal: wildcards in it match only themselves', () => {
    const policy: PolicyDocument = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/home/\${aws:userid}/*` }] };
    expect(evaluatePolicies([policy], 's3:GetObject', `${BUCKET}/home/AROA*/x`, { 'aws:userid': 'AROA*' })).toBe('Allow');
    expect(evaluatePolicies([policy], 's3:GetObject', `${BUCKET}/home/AROAXYZ/x`, { 'aws:userid': 'AROA*' })).toBe('ImplicitDeny');
    expect(evaluatePolicies([policy], 's3:GetObject', `${BUCKET}/home/AROAX:ana/x`, { 'aws:userid': 'AROAX:ana' })).toBe('Allow');
  });

  it('${*}, ${?} and ${$} stand for the characters themselves; a default applies when the key is absent', () => {
    const policy: PolicyDocument = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/\${*}\${?}\${$}/\${aws:username, 'guest'}/*` }] };
    expect(evaluatePolicies([policy], 's3:GetObject', `${BUCKET}/*?$/guest/a`, { 'aws:username': null })).toBe('Allow');
    expect(evaluatePolicies([policy], 's3:GetObject', `${BUCKET}/ab$/guest/a`, { 'aws:username': null })).toBe('ImplicitDeny');
    expect(evaluatePolicies([policy], 's3:GetObject', `${BUCKET}/*?$/ana/a`, { 'aws:username': 'ana' })).toBe('Allow');
  });

  it('a variable the request cannot resolve makes the statement invalid: it neither allows nor denies', () => {
    expect(evaluatePolicies([riderPolicy], 's3:GetObject', `${BUCKET}/private/x/photo`, { 'aws:SecureTransport': 'true' })).toBe('ImplicitDeny');
    const deny: PolicyDocument = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: `${BUCKET}/\${aws:username}/*` }] };
    expect(evaluatePolicies([deny], 's3:GetObject', `${BUCKET}/ana/x`, { 'aws:username': null })).toBe('Allow');
    expect(evaluatePolicies([deny], 's3:GetObject', `${BUCKET}/ana/x`, { 'aws:username': 'ana' })).toBe('ExplicitDeny');
  });
});

describe('condition keys', () => {
  it('s3:prefix with StringLike and a variable: a rider lists only their own prefixes', () => {
    const list = (prefix: string | null, sub: string) => evaluatePolicies([riderPolicy], 's3:ListBucket', BUCKET, as(sub, { 's3:prefix': prefix }));
    expect(list(`private/${ANA}/`, ANA)).toBe('Allow');
    expect(list(`private/${ANA}/photos/`, ANA)).toBe('Allow');
    expect(list(`protected/${ANA}/`, ANA)).toBe('Allow');
    expect(list(`private/${ANA}/`, BEN)).toBe('ImplicitDeny');
    expect(list('private/', ANA)).toBe('ImplicitDeny');
    expect(list('', ANA)).toBe('ImplicitDeny');
    // No prefix at all: the key is absent, the condition false.
    expect(list(null, ANA)).toBe('ImplicitDeny');
    // Not a prefix match: the variable's value is compared literally, the policy's * is the wildcard.
    expect(list(`private/${ANA}x/`, ANA)).toBe('ImplicitDeny');
  });

  it('aws:SecureTransport with Bool: the TLS-only bucket policy denies plain HTTP explicitly, even over an Allow', () => {
    const key = `${BUCKET}/protected/${ANA}/photo`;
    expect(evaluatePolicies([riderPolicy, tlsOnly], 's3:GetObject', key, as(ANA))).toBe('Allow');
    expect(evaluatePolicies([riderPolicy, tlsOnly], 's3:GetObject', key, as(ANA, { 'aws:SecureTransport': 'false' }))).toBe('ExplicitDeny');
    expect(evaluatePolicies([riderPolicy, tlsOnly], 's3:GetObject', key, as(ANA, { 'aws:SecureTransport': 'FALSE' }))).toBe('ExplicitDeny');
  });

  it('string operators, their negations and IfExists follow IAM rules for an absent key', () => {
    const ctx = { 's3:prefix': 'Photos/a', 's3:delimiter': null };
    expect(evaluateCondition({ StringEquals: { 's3:prefix': 'Photos/a' } }, ctx)).toBe('match');
    expect(evaluateCondition({ StringEquals: { 's3:prefix': 'photos/a' } }, ctx)).toBe('nomatch');
    expect(evaluateCondition({ StringEqualsIgnoreCase: { 's3:prefix': 'photos/A' } }, ctx)).toBe('match');
    expect(evaluateCondition({ StringNotEquals: { 's3:prefix': 'x' } }, ctx)).toBe('match');
    expect(evaluateCondition({ StringNotLike: { 's3:prefix': 'Photos/*' } }, ctx)).toBe('nomatch');
    expect(evaluateCondition({ StringLike: { 's3:prefix': 'Photos/?' } }, ctx)).toBe('match');
    expect(evaluateCondition({ StringLike: { 's3:prefix': 'Photos/' } }, ctx)).toBe('nomatch');
    // Absent key: false, except negated operators and IfExists; Null checks the absence itself.
    expect(evaluateCondition({ StringEquals: { 's3:delimiter': '/' } }, ctx)).toBe('nomatch');
    expect(evaluateCondition({ StringNotEquals: { 's3:delimiter': '/' } }, ctx)).toBe('match');
    expect(evaluateCondition({ StringEqualsIfExists: { 's3:delimiter': '/' } }, ctx)).toBe('match');
    expect(evaluateCondition({ StringEqualsIfExists: { 's3:prefix': 'nope' } }, ctx)).toBe('nomatch');
    expect(evaluateCondition({ Null: { 's3:delimiter': 'true' } }, ctx)).toBe('match');
    expect(evaluateCondition({ Null: { 's3:prefix': 'true' } }, ctx)).toBe('nomatch');
    expect(evaluateCondition({ Null: { 's3:prefix': 'false' } }, ctx)).toBe('match');
  });

  it('an unresolvable variable in a condition value makes the statement invalid', () => {
    expect(evaluateCondition({ StringLike: { 's3:prefix': `private/${SUB}/*` } }, { 's3:prefix': 'private/a/' })).toBe('unknown');
    expect(evaluateCondition({ StringLike: { 's3:prefix': `private/${SUB}/*` } }, { 's3:prefix': 'private/a/', 'cognito-identity.amazonaws.com:sub': null })).toBe('invalid');
  });

  it('explicit deny wins over any allow; nothing allowed is denied', () => {
    const deny: PolicyDocument = { Statement: [{ Effect: 'Deny', Action: 's3:DeleteObject', Resource: `${BUCKET}/protected/*` }] };
    expect(evaluatePolicies([riderPolicy, deny], 's3:DeleteObject', `${BUCKET}/protected/${ANA}/photo`, as(ANA))).toBe('ExplicitDeny');
    expect(evaluatePolicies([riderPolicy], 's3:PutBucketPolicy', BUCKET, as(ANA))).toBe('ImplicitDeny');
  });
});

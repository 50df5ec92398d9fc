import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../lib/wild-rydes-app.js';
import { readStack } from '../../local/template/assembly.js';
import { synthesize } from '../../local/synth.js';
import { AUTH_MODES } from '../../lib/auth-mode.js';
import { templateFor } from './synth.js';

/** Resource types whose names are unique in the whole account, in every region (global services). */
const GLOBAL_TYPES = new Set([
  'AWS::CloudFront::ResponseHeadersPolicy',
  'AWS::CloudFront::OriginAccessControl',
  'AWS::CloudFront::CachePolicy',
  'AWS::CloudFront::OriginRequestPolicy',
  'AWS::CloudFront::Function',
  'AWS::CloudFront::KeyValueStore',
  'AWS::IAM::Role',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::User',
  'AWS::IAM::InstanceProfile',
  'AWS::S3::Bucket',
]);
/** Resource types whose names are unique per account and region. */
const REGIONAL_TYPES = new Set(['AWS::Lambda::Function', 'AWS::DynamoDB::Table', 'AWS::Logs::LogGroup', 'AWS::Cognito::UserPoolDomain']);

interface Deployment {
  stackName: string;
  region: string;
}

/** Resolves what CloudFormation would for the pseudo parameters of one deployment; anything else stays unresolved (undefined). */
function resolve(value: unknown, at: Deployment): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') {
      const pseudo: Record<string, string> = { 'AWS::Region': at.region, 'AWS::StackName': at.stackName, 'AWS::AccountId': '111111111111', 'AWS::Partition': 'aws' };
      return pseudo[v.Ref];
    }
    if (Array.isArray(v['Fn::Join'])) {
      const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
      const resolved = parts.map((p) => resolve(p, at));
      return resolved.every((p) => p !== undefined) ? resolved.join(sep) : undefined;
    }
  }
  return undefined;
}

/** Every name a resource asks for: top-level `*Name` properties and the `Name` of a `*Config` block. */
function physicalNames(resource: { Properties?: Record<string, unknown> }, at: Deployment): string[] {
  const names: string[] = [];
  for (const [key, value] of Object.entries(resource.Properties ?? {})) {
    const candidates = key.endsWith('Name') ? [value] : key.endsWith('Config') && value && typeof value === 'object' ? [(value as Record<string, unknown>).Name] : [];
    for (const candidate of candidates) {
      if (candidate === undefined) continue;
      const name = resolve(candidate, at);
      if (name === undefined) throw new Error(`${key} ${JSON.stringify(candidate)} cannot be resolved offline: cannot prove it unique`);
      names.push(name);
    }
  }
  return names;
}

function namesOf(deployment: Deployment, authMode: string): { global: string[]; regional: string[] } {
  const resources = templateFor({ authMode, stackName: deployment.stackName }).toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  const global: string[] = [];
  const regional: string[] = [];
  for (const resource of Object.values(resources)) {
    if (GLOBAL_TYPES.has(resource.Type)) global.push(...physicalNames(resource, deployment).map((n) => `${resource.Type} ${n}`));
    if (REGIONAL_TYPES.has(resource.Type)) regional.push(...physicalNames(resource, deployment).map((n) => `${resource.Type} ${deployment.region} ${n}`));
  }
  return { global, regional };
}

/** The same template as `cdk deploy` would send it (env-agnostic), deployed three times in one account. */
const DEPLOYMENTS: Deployment[] = [
  { stackName: 'WildRydes', region: 'eu-west-1' },
  { stackName: 'WildRydes', region: 'us-east-1' },
  { stackName: 'WildRydes-ana', region: 'eu-west-1' },
];

describe.each(AUTH_MODES)('attendees side by side in one account (%s)', (authMode) => {
  const all = DEPLOYMENTS.map((d) => namesOf(d, authMode));

  it('the stack asks for a name for its CloudFront policy and origin access control (else this test would prove nothing)', () => {
    expect(all[0]!.global.filter((n) => n.startsWith('AWS::CloudFront::')).length).toBe(2);
  });

  it('no two deployments (two stack names, two regions) ask for the same account-wide name', () => {
    const names = all.flatMap((d) => [...d.global, ...d.regional]);
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    expect(repeated).toEqual([]);
  });
});

describe('-c stackName', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'wild-rydes-stackname-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('names the stack; WildRydes when absent', () => {
    expect(buildApp({ websiteDir: null, context: { 'aws:cdk:bundling-stacks': [] } }).stack.stackName).toBe('WildRydes');
    expect(buildApp({ websiteDir: null, context: { 'aws:cdk:bundling-stacks': [], stackName: 'WildRydes-ana' } }).stack.stackName).toBe('WildRydes-ana');
  });

  it('the local cloud follows it: the synthesized assembly holds that stack (and the outputs file is keyed by it)', async () => {
    const synthesized = await synthesize({ authMode: 'none', outdir, context: { stackName: 'WildRydes-ana' } });
    expect(synthesized.stackName).toBe('WildRydes-ana');
    expect(readStack(synthesized.assemblyDir).stackName).toBe('WildRydes-ana');
  });
});

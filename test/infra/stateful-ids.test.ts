import { describe, expect, it } from 'vitest';
import { AUTH_MODES } from '../../lib/auth-mode.js';
import { idsOf, templateFor } from './synth.js';

/**
 * CloudFormation replaces a resource whose logical id changes: for these, that means a new, empty
 * user pool (every rider signed out and gone), a new identity pool, an empty rides table. These ids
 * are pinned in every mode and with every flag that changes the template; a refactor that moves a
 * construct must keep them (e.g. `overrideLogicalId`), or be a deliberate, announced migration.
 */
const STATEFUL: Record<string, string[]> = {
  'AWS::Cognito::UserPool': ['IdentityUserPool96FE3B9B'],
  'AWS::Cognito::UserPoolClient': ['IdentityUserPoolWebClient274C53C4'],
  'AWS::Cognito::IdentityPool': ['IdentityIdentityPool018C0298'],
  'AWS::DynamoDB::Table': ['RidesTableF794D344'],
  'AWS::S3::Bucket': ['RiderFilesBucketDBB82DD7', 'WebsiteBucket4326D7C2'],
};

const variants: Array<[string, Record<string, unknown>]> = AUTH_MODES.flatMap((authMode) => [
  [`${authMode}`, { authMode }],
  [`${authMode}, retainData, accessLogs, another stack name`, { authMode, retainData: 'true', accessLogs: 'true', stackName: 'WildRydes-ana' }],
]) as Array<[string, Record<string, unknown>]>;

describe.each(variants)('stateful resources keep their logical ids (%s)', (_name, context) => {
  const template = templateFor(context);
  it.each(Object.entries(STATEFUL))('%s', (type, ids) => {
    expect(idsOf(template, type).sort()).toEqual(ids);
  });
});

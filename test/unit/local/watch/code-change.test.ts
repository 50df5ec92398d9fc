import { describe, expect, it } from 'vitest';
import { functionCodeChanges, onlyFunctionSources } from '../../../../local/watch/code-change.js';

/** Two functions and a table, as the synthesized stack has them (code = S3 key and asset folder named by the content hash). */
function template(rideHash: string, authHash: string, extra: Record<string, unknown> = {}) {
  const fn = (hash: string, env: Record<string, string> = {}) => ({
    Type: 'AWS::Lambda::Function',
    Properties: { Code: { S3Bucket: { 'Fn::Sub': 'cdk-assets-${AWS::AccountId}' }, S3Key: `${hash}.zip` }, Handler: 'index.handler', Runtime: 'nodejs22.x', Environment: { Variables: env } },
    Metadata: { 'aws:asset:path': `asset.${hash}`, 'aws:asset:is-bundled': true, 'aws:asset:property': 'Code' },
  });
  return {
    Resources: { Ride: fn(rideHash, { TABLE: 'Rides' }), Auth: fn(authHash), Rides: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'Rides' } }, ...extra },
    Outputs: { ApiUrl: { Value: 'x' } },
  };
}

describe('functionCodeChanges', () => {
  it('names the functions whose code asset alone changed', () => {
    expect(functionCodeChanges(template('aa', 'bb'), template('a2', 'bb'))).toEqual(['Ride']);
    expect(functionCodeChanges(template('aa', 'bb'), template('a2', 'b2'))).toEqual(['Ride', 'Auth']);
  });

  it('finds nothing to swap in the same template, whatever its key order', () => {
    const t = template('aa', 'bb');
    const reordered = JSON.parse(JSON.stringify({ Outputs: t.Outputs, Resources: { Rides: t.Resources.Rides, Auth: t.Resources.Auth, Ride: t.Resources.Ride } }));
    expect(functionCodeChanges(t, reordered)).toEqual([]);
  });

  it('calls for a restart when anything besides code changed', () => {
    const envChanged = template('a2', 'bb');
    envChanged.Resources.Ride.Properties.Environment.Variables = { TABLE: 'Other' };
    expect(functionCodeChanges(template('aa', 'bb'), envChanged)).toBeUndefined();
    expect(functionCodeChanges(template('aa', 'bb'), template('a2', 'bb', { Extra: { Type: 'AWS::SNS::Topic' } }))).toBeUndefined();
    const handlerChanged = template('a2', 'bb');
    handlerChanged.Resources.Ride.Properties.Handler = 'main.handler';
    expect(functionCodeChanges(template('aa', 'bb'), handlerChanged)).toBeUndefined();
    // A non-function resource naming a hash (a bucket deployment's source) is not code.
    expect(functionCodeChanges(template('aa', 'bb', { Site: { Type: 'Custom::CDKBucketDeployment', Properties: { SourceObjectKeys: ['h1.zip'] } } }), template('aa', 'bb', { Site: { Type: 'Custom::CDKBucketDeployment', Properties: { SourceObjectKeys: ['h2.zip'] } } }))).toBeUndefined();
  });
});

describe('onlyFunctionSources', () => {
  it('is true only for batches under lambda/', () => {
    expect(onlyFunctionSources(['lambda/ride/fleet.ts', 'lambda/ride/index.ts'])).toBe(true);
    expect(onlyFunctionSources(['lambda/ride/fleet.ts', 'lib/rides.ts'])).toBe(false);
    expect(onlyFunctionSources(['cdk.json'])).toBe(false);
    expect(onlyFunctionSources(['lambdas/x.ts'])).toBe(false);
    expect(onlyFunctionSources([])).toBe(false);
  });
});

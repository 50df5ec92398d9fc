import { describe, expect, it } from 'vitest';
import { AUTH_MODES } from '../../lib/auth-mode.js';
import { templateFor } from './synth.js';

type Resources = Record<string, { Type: string; Properties?: any; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;

/**
 * Lambda writes to `/aws/lambda/<name>` and creates that group itself, never expiring and unknown
 * to CloudFormation, unless the function's LoggingConfig names another. So every function of the
 * stack, CDK's helpers included, must name a log group of the stack.
 */
describe.each(AUTH_MODES)('cdk destroy (%s) leaves no log group behind', (authMode) => {
  const resources = templateFor({ authMode }).toJSON().Resources as Resources;
  const functions = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');

  it('has the ride function, the three read functions, the bucket auto-delete helper, the website deployment helper and, in lambda mode, the authorizer', () => {
    expect(functions.map(([id]) => id).sort()).toEqual([
      expect.stringMatching(/^CustomCDKBucketDeployment/),
      expect.stringMatching(/^CustomS3AutoDeleteObjectsCustomResourceProviderHandler/),
      ...(authMode === 'lambda' ? [expect.stringMatching(/^RidesAuthorizerFunction/)] : []),
      expect.stringMatching(/^RidesQueriesDispatchRides/),
      expect.stringMatching(/^RidesQueriesMyRides/),
      expect.stringMatching(/^RidesQueriesRideDetail/),
      expect.stringMatching(/^RidesRequestUnicorn/),
    ]);
  });

  it.each(functions.map(([id]) => id))('%s logs to a log group of the stack, with a retention, deleted with it', (id) => {
    const ref = resources[id]!.Properties.LoggingConfig?.LogGroup?.Ref as string | undefined;
    expect(ref, `${id} has no LoggingConfig.LogGroup: Lambda would create /aws/lambda/… outside the stack`).toBeDefined();
    const group = resources[ref!]!;
    expect(group.Type).toBe('AWS::Logs::LogGroup');
    expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
    expect(group.DeletionPolicy).toBe('Delete');
    expect(group.UpdateReplacePolicy).toBe('Delete');
  });

  it('keeps nothing else on destroy either', () => {
    const kept = Object.entries(resources).filter(([, r]) => r.DeletionPolicy !== undefined && r.DeletionPolicy !== 'Delete');
    expect(kept).toEqual([]);
  });
});

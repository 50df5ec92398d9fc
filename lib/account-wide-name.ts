import { Names, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Room for `-<region>`: the longest region names (ap-southeast-7, us-isob-east-1) have 14 characters. */
const REGION_ROOM = 1 + 20;

/**
 * A physical name for a resource whose names are unique across the whole account (CloudFront's
 * response-headers policies and origin access controls are global): CDK's unique name for the
 * construct, which starts with the stack's name, then the region. Two attendees (two stack names)
 * or one stack deployed to two regions of an account then never ask for the same name, which
 * CloudFront would refuse with AlreadyExists.
 */
export function accountWideName(construct: IConstruct, maxLength: number): string {
  return `${Names.uniqueResourceName(construct, { maxLength: maxLength - REGION_ROOM })}-${Stack.of(construct).region}`;
}

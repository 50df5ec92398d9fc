import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';

/**
 * The rides table's global secondary indexes: how GET /rides and GET /dispatch/rides
 * read rides newest first with a `Query`, never a `Scan`. The ride function writes
 * both partition keys on every ride (lambda/ride/ride.ts): `User` (the rider's
 * user-pool sub) and `Feed` (one constant value).
 *
 * `ByTime` keeps every ride in one index partition. A single partition takes
 * about 1,000 writes and 3,000 reads a second, far beyond a workshop; a service
 * at that scale would bucket `Feed` by day and read the buckets newest first.
 */
export const RIDE_INDEXES = {
  /** A rider's rides, newest first. */
  byRider: { indexName: 'ByRider', partitionKey: 'User', sortKey: 'RequestTime' },
  /** Every rider's rides, newest first. */
  byTime: { indexName: 'ByTime', partitionKey: 'Feed', sortKey: 'RequestTime' },
} as const;

/**
 * Adds the indexes to the table. Adding an index is an in-place update of the
 * table (the logical id and the data stay: test/infra/stateful-ids.test.ts).
 * All attributes are projected: a ride is a few hundred bytes and every read
 * answers all of it, so a projection of keys only would cost a GetItem per ride.
 */
export function addRideIndexes(table: dynamodb.Table): void {
  for (const index of Object.values(RIDE_INDEXES)) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }
}

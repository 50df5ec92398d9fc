import { CreateTableCommand, PutItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMissingIndexes } from '../../../local/dynamodb/table-indexes.js';
import { startDynalite, type TestDynamo } from '../../support/dynalite.js';

/**
 * A rides table kept in a data folder from before the template's indexes: the
 * next start gives it the indexes and keeps every ride, as CloudFormation's
 * in-place index creation would. Real SDK against dynalite.
 */
let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo?.close();
});

const withIndex = {
  TableName: 'Rides',
  KeySchema: [{ AttributeName: 'RideId', KeyType: 'HASH' as const }],
  AttributeDefinitions: ['RideId', 'User', 'RequestTime'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
  BillingMode: 'PAY_PER_REQUEST' as const,
  GlobalSecondaryIndexes: [
    { IndexName: 'ByRider', KeySchema: [{ AttributeName: 'User', KeyType: 'HASH' as const }, { AttributeName: 'RequestTime', KeyType: 'RANGE' as const }], Projection: { ProjectionType: 'ALL' as const } },
  ],
};

describe('a table kept from before its indexes', () => {
  it('gets the missing index with all 60 items kept (over two write batches and more), and is left alone the next time', async () => {
    await dynamo.client.send(new CreateTableCommand({ TableName: 'Rides', KeySchema: withIndex.KeySchema, AttributeDefinitions: [{ AttributeName: 'RideId', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }));
    for (let i = 0; i < 60; i++) {
      await dynamo.client.send(new PutItemCommand({ TableName: 'Rides', Item: { RideId: { S: `r${i}` }, User: { S: i % 2 ? 'a' : 'b' }, RequestTime: { S: `2026-11-21T10:${String(i).padStart(2, '0')}:00Z` } } }));
    }
    const lines: string[] = [];
    expect(await addMissingIndexes(dynamo.client, withIndex, (l) => lines.push(l))).toEqual(['ByRider']);
    expect(lines).toEqual(['DynamoDB: adding the index ByRider to Rides (60 items kept)']);
    expect((await dynamo.client.send(new ScanCommand({ TableName: 'Rides' }))).Count).toBe(60);
    const mine = await dynamo.client.send(new QueryCommand({ TableName: 'Rides', IndexName: 'ByRider', KeyConditionExpression: '#u = :u', ExpressionAttributeNames: { '#u': 'User' }, ExpressionAttributeValues: { ':u': { S: 'a' } } }));
    expect(mine.Count).toBe(30);
    expect(await addMissingIndexes(dynamo.client, withIndex)).toEqual([]);
  });
});

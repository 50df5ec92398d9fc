import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { AddressInfo } from 'node:net';

/** Static credentials: dynalite does not check signatures, but the SDK insists on signing. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'AKIALOCALTESTKEY0000', secretAccessKey: 'local-test-secret' };

export interface TestDynamo {
  endpoint: string;
  client: DynamoDBClient;
  close(): Promise<void>;
}

/** A real DynamoDB-compatible server (dynalite, in memory) on a free loopback port. */
export async function startDynalite(): Promise<TestDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  return {
    endpoint,
    client,
    close: () =>
      new Promise<void>((resolve, reject) => {
        client.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export async function createRidesTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [{ AttributeName: 'RideId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'RideId', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}

/** The rides table with the indexes lib/ride-indexes.ts gives it: `ByRider` (User, RequestTime) and `ByTime` (Feed, RequestTime). */
export async function createIndexedRidesTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const index = (IndexName: string, partitionKey: string) => ({
    IndexName,
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' as const },
      { AttributeName: 'RequestTime', KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [{ AttributeName: 'RideId', KeyType: 'HASH' }],
      AttributeDefinitions: ['RideId', 'User', 'Feed', 'RequestTime'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [index('ByRider', 'User'), index('ByTime', 'Feed')],
    }),
  );
}

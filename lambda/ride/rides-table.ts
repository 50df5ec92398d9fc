import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RideRecord } from './ride.js';

/** Where rides are kept. An interface so the domain never imports the SDK. */
export interface RideStore {
  put(ride: RideRecord): Promise<void>;
}

/** Rides in DynamoDB. The endpoint comes from the SDK's own settings (AWS_ENDPOINT_URL_DYNAMODB locally). */
export function dynamoRideStore(tableName: string, client: DynamoDBClient = new DynamoDBClient({})): RideStore {
  const documents = DynamoDBDocumentClient.from(client);
  return {
    async put(ride) {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: ride,
          // A ride id is random; refusing to overwrite makes a collision an error, not a lost ride.
          ConditionExpression: 'attribute_not_exists(RideId)',
        }),
      );
    },
  };
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { encodePageToken, pageKeyOf, type PageBinding, type PageRequest } from './page-request.js';
import { toRideView, type RidePage, type RideView } from './ride-view.js';

/** The attribute names of the rides table and its indexes (lib/ride-indexes.ts creates them). */
export const RIDE_KEY = 'RideId';
export const REQUEST_TIME = 'RequestTime';
export const RIDER_KEY = 'User';
export const FEED_KEY = 'Feed';

/** The `ByRider` index's list of one rider, and the token binding for it. */
export function riderList(sub: string): PageBinding {
  return { tableKey: RIDE_KEY, partitionKey: RIDER_KEY, partitionValue: sub, sortKey: REQUEST_TIME };
}

/** The `ByTime` index's list of every ride. */
export function feedList(feed: string): PageBinding {
  return { tableKey: RIDE_KEY, partitionKey: FEED_KEY, partitionValue: feed, sortKey: REQUEST_TIME };
}

/** Reads rides by index. An interface so the handlers' logic never needs the SDK to be tested. */
export interface RideIndexReader {
  /** One page of a list, newest first, with a token when there is more. */
  page(list: PageBinding, request: PageRequest): Promise<RidePage>;
}

export interface RideGetter {
  get(rideId: string): Promise<Record<string, unknown> | undefined>;
}

/**
 * A page by `Query` on an index, newest first (ScanIndexForward false). It asks
 * for one item more than the page: only when that item exists is there a next
 * page, so the last page carries no NextToken (DynamoDB's own LastEvaluatedKey
 * would send the client one empty page more when the list ends on a page edge).
 */
export function dynamoRideIndex(tableName: string, indexName: string, client: DynamoDBClient = new DynamoDBClient({})): RideIndexReader {
  const documents = DynamoDBDocumentClient.from(client);
  return {
    async page(list, request) {
      const { Items = [] } = await documents.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': list.partitionKey },
          ExpressionAttributeValues: { ':pk': list.partitionValue },
          ScanIndexForward: false,
          Limit: request.limit + 1,
          ...(request.startKey ? { ExclusiveStartKey: request.startKey } : {}),
        }),
      );
      const rides: RideView[] = Items.slice(0, request.limit).map(toRideView);
      const more = Items.length > request.limit;
      return more ? { Rides: rides, NextToken: encodePageToken(pageKeyOf(Items[request.limit - 1]!, list)) } : { Rides: rides };
    },
  };
}

/** One ride by its id, with a strongly consistent read: a ride just booked is found at once. */
export function dynamoRideGetter(tableName: string, client: DynamoDBClient = new DynamoDBClient({})): RideGetter {
  const documents = DynamoDBDocumentClient.from(client);
  return {
    async get(rideId) {
      const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { [RIDE_KEY]: rideId }, ConsistentRead: true }));
      return Item;
    },
  };
}

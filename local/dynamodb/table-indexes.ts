import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  ScanCommand,
  type AttributeValue,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * A table kept from an earlier start whose template has since gained global
 * secondary indexes. CloudFormation adds an index to the existing table in place
 * (UpdateTable, the data stays); dynalite cannot (its UpdateTable only changes
 * an index's throughput). So the same outcome is reached another way: every item
 * is read, the table is made again with the template's indexes, and every item
 * is written back. Returns the names of the indexes added (none: nothing done).
 */
export async function addMissingIndexes(client: DynamoDBClient, input: CreateTableCommandInput, log: (line: string) => void = () => undefined): Promise<string[]> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
  const have = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = (input.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName!).filter((name) => !have.has(name));
  if (missing.length === 0) return [];

  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: input.TableName, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  log(`DynamoDB: adding the index${missing.length > 1 ? 'es' : ''} ${missing.join(', ')} to ${input.TableName} (${items.length} item${items.length === 1 ? '' : 's'} kept)`);

  await client.send(new DeleteTableCommand({ TableName: input.TableName }));
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    } catch (err) {
      if (err instanceof ResourceNotFoundException) break;
      throw err;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await client.send(new CreateTableCommand(input));
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table: made } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    if (made?.TableStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  // BatchWriteItem takes 25 items a call; anything unprocessed is sent again.
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [input.TableName!]: requests } }));
      requests = (UnprocessedItems?.[input.TableName!] ?? []) as typeof requests;
    }
  }
  return missing;
}

import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { AdminCredentials } from '../admin-credentials.js';
import { addMissingIndexes } from './table-indexes.js';
import type { LocalStack } from '../template/index.js';

/** The CreateTable call CloudFormation would make for an AWS::DynamoDB::Table (or a GlobalTable's local replica). */
export function createTableInput(stack: LocalStack, logicalId: string): CreateTableCommandInput {
  const resource = stack.template.Resources[logicalId]!;
  const props = stack.resolve<Record<string, any>>(resource.Properties ?? {});
  const onDemand = props.BillingMode === 'PAY_PER_REQUEST' || (resource.Type === 'AWS::DynamoDB::GlobalTable' && props.BillingMode !== 'PROVISIONED');
  const throughput = (p: any) =>
    onDemand ? {} : { ProvisionedThroughput: { ReadCapacityUnits: Number(p?.ReadCapacityUnits ?? 5), WriteCapacityUnits: Number(p?.WriteCapacityUnits ?? 5) } };
  const gsis = (props.GlobalSecondaryIndexes ?? []) as any[];
  const lsis = (props.LocalSecondaryIndexes ?? []) as any[];
  return {
    TableName: stack.physicalId(logicalId),
    KeySchema: props.KeySchema,
    AttributeDefinitions: props.AttributeDefinitions,
    BillingMode: onDemand ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    ...throughput(props.ProvisionedThroughput),
    ...(gsis.length > 0
      ? { GlobalSecondaryIndexes: gsis.map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection, ...throughput(g.ProvisionedThroughput) })) }
      : {}),
    ...(lsis.length > 0 ? { LocalSecondaryIndexes: lsis.map((l) => ({ IndexName: l.IndexName, KeySchema: l.KeySchema, Projection: l.Projection })) } : {}),
  };
}

/** Creates the template's tables that do not exist yet (a restart keeps the ones it has) and waits until each is ACTIVE. */
export async function createTables(stack: LocalStack, endpoint: string, admin: AdminCredentials, log: (line: string) => void = () => undefined): Promise<string[]> {
  // CloudFormation acts with the deployer's rights; locally that is the administrator, whose signature DynamoDB checks.
  const client = new DynamoDBClient({ endpoint, region: stack.region, credentials: { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey } });
  const ids = [...stack.resourcesOfType('AWS::DynamoDB::Table'), ...stack.resourcesOfType('AWS::DynamoDB::GlobalTable')];
  const names: string[] = [];
  try {
    for (const id of ids) {
      const input = createTableInput(stack, id);
      try {
        await client.send(new CreateTableCommand(input));
      } catch (err) {
        if (!(err instanceof ResourceInUseException)) throw err;
        // Kept from an earlier start: give it the indexes the template has gained since, keeping its items.
        await addMissingIndexes(client, input, log);
      }
      for (let attempt = 0; attempt < 100; attempt++) {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
        if (Table?.TableStatus === 'ACTIVE') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      names.push(input.TableName!);
    }
  } finally {
    client.destroy();
  }
  return names;
}

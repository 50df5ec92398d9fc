import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdminCredentials, type AdminCredentials } from '../../../local/admin-credentials.js';
import { adminCaller } from '../../../local/callers.js';
import { startDynamo, type LocalDynamo } from '../../../local/dynamodb/server.js';
import { fixtureStack } from '../cognito/fixtures.js';
import { rawRequest } from './raw-http.js';

let dataDir: string;
let dynamo: LocalDynamo;
let admin: AdminCredentials;
const log: string[] = [];
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wr-dynamo-'));
  admin = loadAdminCredentials(dataDir);
  const stack = fixtureStack();
  const caller = adminCaller(stack, admin);
  dynamo = await startDynamo({ dataDir, host: '127.0.0.1', port: 0, stack, lookup: (id) => (id === caller.accessKeyId ? caller : undefined), log: (l) => log.push(l) });
});
afterAll(async () => {
  await dynamo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const listTables = async () => {
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: admin, maxAttempts: 1 });
  try {
    return await client.send(new ListTablesCommand({}));
  } finally {
    client.destroy();
  }
};

describe('the local DynamoDB server (dynalite) and bad clients', () => {
  it('survives a client that hangs up in the middle of its body (dynalite rethrew that stream error)', async () => {
    const url = new URL(dynamo.endpoint);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 1000\r\n\r\n{"TableName":');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
      socket.on('error', reject);
    });
    await new Promise((r) => setTimeout(r, 100));
    expect((await listTables()).TableNames).toEqual([]);
  });

  it('still answers its own refusals and its health check', async () => {
    const health = await rawRequest(dynamo.endpoint, { path: '/' });
    expect(health.ok && health.answer.status).toBe(200);
    const unsigned = await rawRequest(dynamo.endpoint, {
      method: 'POST',
      path: '/',
      headers: [['content-type', 'application/x-amz-json-1.0'], ['x-amz-target', 'DynamoDB_20120810.ListTables']],
      body: '{}',
    });
    expect(unsigned.ok && [unsigned.answer.status, JSON.parse(unsigned.answer.body).__type]).toEqual([400, 'com.amazon.coral.service#MissingAuthenticationTokenException']);
  });

  it('refuses a body over DynamoDB’s 16 MB limit with 413', async () => {
    const big = await rawRequest(dynamo.endpoint, {
      method: 'POST',
      path: '/',
      headers: [['content-type', 'application/x-amz-json-1.0'], ['x-amz-target', 'DynamoDB_20120810.ListTables']],
      body: 'x'.repeat(16 * 1024 * 1024 + 10),
    });
    expect(big.ok && big.answer.status).toBe(413);
  });
});

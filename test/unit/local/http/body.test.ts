import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBodyUpTo } from '../../../../local/http/body.js';

/** A request body arriving in chunks; `end` false leaves it open, as a client still uploading. */
function body(chunks: string[], end = true): IncomingMessage {
  const stream = new PassThrough();
  for (const c of chunks) stream.write(c);
  if (end) stream.end();
  return stream as unknown as IncomingMessage;
}

describe('readBodyUpTo: the one request-body reader of every local server', () => {
  it('reads a body within the limit whole', async () => {
    expect((await readBodyUpTo(body(['ab', 'cd']), 4)).toString()).toBe('abcd');
  });

  it('reads an over-long body to the end but keeps only limit + 1 bytes, so the caller sees it is over', async () => {
    expect((await readBodyUpTo(body(['abc', 'def', 'ghi']), 4)).toString()).toBe('abcde');
  });

  it("with the caller's refusal, refuses as soon as the limit is passed, before the body ends", async () => {
    const refused = new Error('too large');
    await expect(readBodyUpTo(body(['abc', 'def'], false), 4, () => refused)).rejects.toBe(refused);
  });

  it("with the caller's refusal, still reads a body within the limit", async () => {
    expect((await readBodyUpTo(body(['abcd']), 4, () => new Error('too large'))).toString()).toBe('abcd');
  });
});

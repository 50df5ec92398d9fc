import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../atomic-file.js';
import type { QuotaPeriod } from './read.js';

/**
 * What the local API Gateway keeps of its usage plans between starts, in
 * `<dataDir>/apigateway/usage-plans.json` (owner-only: it holds key values):
 * the values it generated for keys the template gives none, and each key's
 * quota count in its current period. Without a data folder (hand-made test
 * gateways) it lives in memory only.
 */
export interface UsageRecord {
  /** Generated API key values, by key id. */
  generated: Record<string, string>;
  /** `<keyId> <planId>` → the period the count is for (its start, ISO) and the requests counted. */
  used: Record<string, { period: string; count: number }>;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** API Gateway's generated keys are 40 letters and digits; this draws one from a CSPRNG. */
export function generateApiKeyValue(): string {
  let out = '';
  for (let i = 0; i < 40; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** The start (UTC) of the quota period `at` falls in: the day, the week (from Monday) or the month. */
export function periodStart(period: QuotaPeriod, at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), period === 'MONTH' ? 1 : at.getUTCDate()));
  if (period === 'WEEK') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

export class UsageStore {
  private readonly record: UsageRecord;
  private readonly file: string | undefined;

  constructor(dataDir: string | undefined) {
    this.file = dataDir === undefined ? undefined : join(dataDir, 'apigateway', 'usage-plans.json');
    this.record = { generated: Object.create(null), used: Object.create(null) };
    if (this.file && existsSync(this.file)) {
      const saved = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<UsageRecord>;
      Object.assign(this.record.generated, saved.generated ?? {});
      Object.assign(this.record.used, saved.used ?? {});
    }
  }

  /** The key's generated value, made (and saved) on first use. */
  generatedValue(keyId: string): string {
    let value = this.record.generated[keyId];
    if (value === undefined) {
      value = generateApiKeyValue();
      this.record.generated[keyId] = value;
      this.save();
    }
    return value;
  }

  /** Requests counted against the key in the plan during the period that starts at `period`. */
  used(keyId: string, planId: string, period: string): number {
    const entry = this.record.used[`${keyId} ${planId}`];
    return entry && entry.period === period ? entry.count : 0;
  }

  /** Counts one request; saved at once, so a restart (or a crash) loses no count. */
  count(keyId: string, planId: string, period: string): void {
    const key = `${keyId} ${planId}`;
    const entry = this.record.used[key];
    this.record.used[key] = { period, count: entry && entry.period === period ? entry.count + 1 : 1 };
    this.save();
  }

  private save(): void {
    if (this.file) writeFileAtomic(this.file, `${JSON.stringify(this.record, null, 2)}\n`, 0o600);
  }
}

import type { Probe } from './probe.js';

/** One thing a checkpoint looked at: what should hold, whether it does, and what to do if not. */
export interface CheckResult {
  ok: boolean;
  /** What should hold, in plain words ("POST /ride without a token gets 401"). */
  what: string;
  /** What was seen instead, when it does not hold. */
  seen?: string;
  /** What to do about it. */
  fix?: string;
}

/**
 * The checkpoint of one workshop module: checks the attendee's running local
 * cloud and says in plain words what passes and what is missing. One file per
 * module in `checks/`, listed in `checks/index.ts`.
 */
export interface Checkpoint {
  /** What the attendee types: `npm run checkpoint -- <module>`. */
  module: string;
  title: string;
  run(probe: Probe): Promise<CheckResult[]>;
}

export const pass = (what: string): CheckResult => ({ ok: true, what });
export const fail = (what: string, seen: string, fix?: string): CheckResult => ({ ok: false, what, seen, ...(fix ? { fix } : {}) });

/** A status and body as the attendee would read them. */
export const shown = (answer: { status: number; text: string }) => `${answer.status} ${answer.text.trim().slice(0, 200)}`;

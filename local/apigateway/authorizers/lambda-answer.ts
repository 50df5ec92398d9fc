import type { PolicyDocument, PolicyStatement } from '../../iam/index.js';

/**
 * A Lambda authorizer's answer as API Gateway accepts it (developer guide,
 * "Output from an API Gateway Lambda authorizer"): `principalId`, a
 * `policyDocument` with statements, and an optional flat `context` whose
 * values are strings, numbers or booleans. Anything else is a "malformed"
 * answer, which API Gateway answers with AUTHORIZER_CONFIGURATION_ERROR
 * (execution log: "Execution failed due to configuration error: Could not
 * parse policy" / "Invalid JSON in context").
 */
export interface LambdaAuthorizerAnswer {
  principalId: string;
  policyDocument: PolicyDocument;
  /** Flat, and null-prototype: its keys come from the function. */
  context: Record<string, string | number | boolean>;
}

export class MalformedAuthorizerAnswerError extends Error {
  override name = 'MalformedAuthorizerAnswerError';
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isStringList = (value: unknown) => typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));

function statementOf(value: unknown): PolicyStatement {
  if (!isRecord(value)) throw new MalformedAuthorizerAnswerError('a policy statement is not an object');
  if (value.Effect !== 'Allow' && value.Effect !== 'Deny') throw new MalformedAuthorizerAnswerError(`a statement's Effect is ${JSON.stringify(value.Effect)}, not Allow or Deny`);
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    if (value[key] !== undefined && !isStringList(value[key])) throw new MalformedAuthorizerAnswerError(`a statement's ${key} is not a string or a list of strings`);
  }
  if (value.Action === undefined && value.NotAction === undefined) throw new MalformedAuthorizerAnswerError('a statement has no Action');
  if (value.Resource === undefined && value.NotResource === undefined) throw new MalformedAuthorizerAnswerError('a statement has no Resource');
  return value as unknown as PolicyStatement;
}

/** Checks what the function returned; throws MalformedAuthorizerAnswerError saying what is wrong. */
export function parseAuthorizerAnswer(payload: unknown): LambdaAuthorizerAnswer {
  if (!isRecord(payload)) throw new MalformedAuthorizerAnswerError('the answer is not a JSON object');
  const { principalId, policyDocument, context } = payload;
  if (typeof principalId !== 'string' || principalId === '') throw new MalformedAuthorizerAnswerError('principalId is missing or not a string');
  if (!isRecord(policyDocument)) throw new MalformedAuthorizerAnswerError('policyDocument is missing or not an object');
  const raw = policyDocument.Statement;
  const statements = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(statementOf);
  if (statements.length === 0) throw new MalformedAuthorizerAnswerError('policyDocument has no Statement');
  const flat: Record<string, string | number | boolean> = Object.create(null);
  if (context !== undefined && context !== null) {
    if (!isRecord(context)) throw new MalformedAuthorizerAnswerError('context is not an object');
    for (const [key, value] of Object.entries(context)) {
      // API Gateway refuses nested objects and arrays in the context ("Invalid JSON in context").
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw new MalformedAuthorizerAnswerError(`context.${key} is ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}; only strings, numbers and booleans are allowed`);
      }
      flat[key] = value;
    }
  }
  return { principalId, policyDocument: { Version: String(policyDocument.Version ?? '2012-10-17'), Statement: statements }, context: flat };
}

import { requestKeyed } from '../http/request-keyed.js';
import type { ApiModel, MethodModel, ResourceNode, StageModel } from './model.js';

export interface RouteMatch {
  stage: StageModel;
  resource: ResourceNode;
  method: MethodModel;
  /** The path below the stage, as API Gateway reports it in `event.path` (`/ride`). */
  path: string;
  pathParameters: Record<string, string>;
}

export type RouteResult = { found: true; match: RouteMatch } | { found: false };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Finds the resource for a path the way API Gateway does: a literal segment
 * wins over `{param}`, which wins over a greedy `{proxy+}`.
 */
function findResource(node: ResourceNode, segments: string[], params: Record<string, string>): ResourceNode | undefined {
  if (segments.length === 0) return node;
  const [head, ...rest] = segments as [string, ...string[]];
  const literal = node.children.find((c) => c.pathPart === head);
  if (literal) {
    const found = findResource(literal, rest, params);
    if (found) return found;
  }
  for (const child of node.children) {
    const m = /^\{([^}+]+)\}$/.exec(child.pathPart);
    if (!m) continue;
    // Path parameter names come from the template, their values from the request: a null-prototype map either way.
    const inner = requestKeyed<string>(Object.entries(params));
    inner[m[1]!] = decode(head);
    const found = findResource(child, rest, inner);
    if (found) {
      Object.assign(params, inner);
      return found;
    }
  }
  for (const child of node.children) {
    const m = /^\{([^}]+)\+\}$/.exec(child.pathPart);
    if (m) {
      params[m[1]!] = segments.map(decode).join('/');
      return child;
    }
  }
  return undefined;
}

/** Routes `/<stage>/<path>` (raw, without query) to a method of the API. */
export function route(api: ApiModel, rawPath: string, httpMethod: string): RouteResult {
  const segments = rawPath.split('/').filter((s) => s !== '');
  const stage = segments[0] === undefined ? undefined : api.stages.get(decode(segments[0]));
  if (!stage) return { found: false };
  const below = segments.slice(1);
  const pathParameters = requestKeyed<string>();
  const resource = findResource(api.root, below, pathParameters);
  if (!resource) return { found: false };
  const method = resource.methods.get(httpMethod.toUpperCase()) ?? resource.methods.get('ANY');
  if (!method) return { found: false };
  return { found: true, match: { stage, resource, method, path: `/${below.map(decode).join('/')}`, pathParameters } };
}

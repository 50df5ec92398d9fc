/**
 * Which functions' code alone changed between two synthesized templates: the
 * `--watch` fast path after a change under lambda/. A function's code asset
 * is its `Code` (S3 key = the asset's content hash) and its `aws:asset:*`
 * metadata (the asset folder, named by the same hash); with those set aside,
 * the templates must be identical, or the change is more than code (a new
 * environment variable, a new route, a new permission) and the services restart.
 */
type Template = { Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }> };

const CODE_PLACEHOLDER = '<code asset>';

/** The template with each function's code asset replaced by a placeholder, and what each function's asset was. */
function withoutCode(template: Template): { rest: string; code: Map<string, string> } {
  const code = new Map<string, string>();
  const resources: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::Lambda::Function') {
      resources[id] = resource;
      continue;
    }
    const metadata = Object.fromEntries(Object.entries(resource.Metadata ?? {}).filter(([k]) => !k.startsWith('aws:asset:')));
    code.set(id, JSON.stringify([resource.Properties?.Code, resource.Metadata?.['aws:asset:path']]));
    resources[id] = { ...resource, Properties: { ...resource.Properties, Code: CODE_PLACEHOLDER }, Metadata: metadata };
  }
  return { rest: stableJson({ ...template, Resources: resources }), code };
}

/** JSON with object keys sorted: two syntheses of the same app compare equal whatever the key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * The logical ids of the functions whose code asset changed, when nothing
 * else in the template did; `undefined` when something else did (restart).
 * An empty list: the templates are the same (nothing to swap).
 */
export function functionCodeChanges(before: Template, after: Template): string[] | undefined {
  const a = withoutCode(before);
  const b = withoutCode(after);
  if (a.rest !== b.rest) return undefined;
  return [...b.code].filter(([id, asset]) => a.code.get(id) !== asset).map(([id]) => id);
}

/** Whether a batch of changed files is all function source (lambda/): the only batch the swap may serve. */
export function onlyFunctionSources(files: readonly string[]): boolean {
  return files.length > 0 && files.every((f) => f.split(/[\\/]/)[0] === 'lambda');
}

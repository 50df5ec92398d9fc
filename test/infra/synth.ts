import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../lib/wild-rydes-app.js';
import type { AuthMode } from '../../lib/auth-mode.js';

const templates = new Map<string, Template>();

/**
 * The stack's template for a set of context values, without bundling the function (template tests do not
 * need its code) and without CDK's built-in CloudFormation validation (synth-and-nag.test.ts runs it on a
 * full synth of every mode and of every access flag). Made once per distinct context in a worker: the
 * infra files share one module graph, so a template every file asks for is built once, not once a file.
 * The Template is only read by the assertions, never changed.
 */
export function templateFor(context: Record<string, unknown> & { authMode?: AuthMode | string }): Template {
  const key = JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b)));
  let template = templates.get(key);
  if (!template) {
    const { stack } = buildApp({ websiteDir: null, builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [], ...context } });
    template = Template.fromStack(stack);
    templates.set(key, template);
  }
  return template;
}

/** Logical ids of the resources of a type. */
export function idsOf(template: Template, type: string): string[] {
  return Object.keys(template.findResources(type));
}

export function onlyId(template: Template, type: string, props?: object): string {
  const ids = Object.keys(template.findResources(type, props ? { Properties: props } : undefined));
  if (ids.length !== 1) throw new Error(`expected exactly one ${type}, found ${ids.length}`);
  return ids[0]!;
}

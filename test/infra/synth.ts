import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../lib/wild-rydes-app.js';
import type { AuthMode } from '../../lib/auth-mode.js';

/** The stack's template for a set of context values, without bundling the function (template tests do not need its code). */
export function templateFor(context: Record<string, unknown> & { authMode?: AuthMode | string }): Template {
  const { stack } = buildApp({ websiteDir: null, context: { 'aws:cdk:bundling-stacks': [], ...context } });
  return Template.fromStack(stack);
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

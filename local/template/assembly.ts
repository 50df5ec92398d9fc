import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssemblyNotFoundError } from './errors.js';
import type { CfnTemplate } from './types.js';

export interface SynthesizedStack {
  stackName: string;
  templatePath: string;
  template: CfnTemplate;
  assemblyDir: string;
}

interface Manifest {
  artifacts?: Record<string, { type: string; properties?: { templateFile?: string; stackName?: string }; displayName?: string }>;
}

/** Reads the stacks of a cloud assembly (`cdk.out`) as the CLI would deploy them. */
export function readAssembly(assemblyDir: string): SynthesizedStack[] {
  const manifestPath = join(assemblyDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new AssemblyNotFoundError(`No cloud assembly at ${assemblyDir}: run the synth first (npx cdk synth)`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const stacks: SynthesizedStack[] = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const templatePath = join(assemblyDir, artifact.properties.templateFile);
    stacks.push({
      stackName: artifact.properties.stackName ?? id,
      templatePath,
      template: JSON.parse(readFileSync(templatePath, 'utf8')) as CfnTemplate,
      assemblyDir,
    });
  }
  if (stacks.length === 0) throw new AssemblyNotFoundError(`The cloud assembly at ${assemblyDir} holds no stack`);
  return stacks;
}

/** The one stack of the assembly, or the one named. */
export function readStack(assemblyDir: string, stackName?: string): SynthesizedStack {
  const stacks = readAssembly(assemblyDir);
  if (stackName === undefined) {
    if (stacks.length > 1) {
      throw new AssemblyNotFoundError(`The cloud assembly holds ${stacks.length} stacks (${stacks.map((s) => s.stackName).join(', ')}); name one`);
    }
    return stacks[0]!;
  }
  const stack = stacks.find((s) => s.stackName === stackName);
  if (!stack) throw new AssemblyNotFoundError(`No stack named ${stackName} in ${assemblyDir}`);
  return stack;
}

/** The parts of a CloudFormation template the local cloud reads. */
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown; Description?: string; Export?: unknown }>;
  Parameters?: Record<string, { Type: string; Default?: unknown }>;
  Conditions?: Record<string, unknown>;
}

export interface CfnResource {
  Type: string;
  Properties?: Record<string, any>;
  DependsOn?: string | string[];
  Metadata?: Record<string, any>;
  Condition?: string;
}

/**
 * Where the local cloud places a synthesized stack: the values that stand in
 * for AWS's pseudo parameters, and a local physical id for every resource.
 */
export interface LocalStack {
  readonly stackName: string;
  readonly region: string;
  readonly accountId: string;
  readonly template: CfnTemplate;
  /** Folder that holds the template and its assets (cdk.out). */
  readonly assemblyDir: string;
  /** The local physical id of a resource (what `Ref` answers). */
  physicalId(logicalId: string): string;
  /** `Fn::GetAtt` of a resource. */
  attribute(logicalId: string, attribute: string): string;
  /** Resolves intrinsic functions (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split, Fn::If...) in a value. */
  resolve<T = unknown>(value: unknown): T;
  /** Logical ids of every resource of a type, in template order. */
  resourcesOfType(type: string): string[];
}

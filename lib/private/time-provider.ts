/**
 * A small hand-written binding of the hashicorp/time Terraform provider
 * (registry.terraform.io/providers/hashicorp/time/0.x/docs): `time_sleep` is all the
 * library needs, to let an Azure role assignment reach the AKS API server before the
 * next stage uses it.
 */
import { Construct } from 'constructs';
import { ITerraformDependable, TerraformProvider, TerraformResource } from 'cdktf';
import { utilityProvider } from './utility-provider';

const METADATA = { providerName: 'time', providerVersionConstraint: '~> 0.13' };

/** The time provider of the stack that contains `scope`, created on first use. */
function timeProvider(scope: Construct): TerraformProvider {
  return utilityProvider(scope, METADATA);
}

export interface TimeSleepConfig {
  /** How long creating the resource waits, as a Go duration (`120s`). */
  readonly createDuration: string;
  /** What the wait starts after. */
  readonly dependsOn: ITerraformDependable[];
}

/** `time_sleep`: completes `createDuration` after everything it depends on is created. */
export class TimeSleep extends TerraformResource {
  public static readonly tfResourceType = 'time_sleep';

  constructor(scope: Construct, id: string, private readonly config: TimeSleepConfig) {
    super(scope, id, {
      terraformResourceType: TimeSleep.tfResourceType,
      terraformGeneratorMetadata: METADATA,
      provider: timeProvider(scope),
      dependsOn: config.dependsOn,
    });
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return { create_duration: this.config.createDuration };
  }
}

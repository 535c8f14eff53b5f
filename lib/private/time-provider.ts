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

export interface TimeOffsetConfig {
  /** Whole days added to the base time. */
  readonly offsetDays?: number;
  /** Whole hours added to the base time. */
  readonly offsetHours?: number;
}

/**
 * `time_offset` without `base_rfc3339`: the provider takes the current time once, at
 * create, keeps it in state, and later plans recompute the offset from that stored base,
 * in place (hashicorp/terraform-provider-time@v0.14.0:internal/provider/resource_time_offset.go#ModifyPlan).
 * So the result is fixed when the resource is created, not at each synth or apply.
 * The schema requires at least one `offset_*` (resourcevalidator.AtLeastOneOf there).
 */
export class TimeOffset extends TerraformResource {
  public static readonly tfResourceType = 'time_offset';

  constructor(scope: Construct, id: string, private readonly config: TimeOffsetConfig) {
    super(scope, id, {
      terraformResourceType: TimeOffset.tfResourceType,
      terraformGeneratorMetadata: METADATA,
      provider: timeProvider(scope),
    });
    if (config.offsetDays === undefined && config.offsetHours === undefined) {
      throw new Error(`${this.node.path}: time_offset needs offsetDays or offsetHours (AtLeastOneOf in hashicorp/time)`);
    }
  }

  /** The base time plus the offset, RFC 3339 (`2030-01-31T10:00:00Z`). */
  public get rfc3339(): string {
    return this.getStringAttribute('rfc3339');
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      ...(this.config.offsetDays !== undefined ? { offset_days: this.config.offsetDays } : {}),
      ...(this.config.offsetHours !== undefined ? { offset_hours: this.config.offsetHours } : {}),
    };
  }
}

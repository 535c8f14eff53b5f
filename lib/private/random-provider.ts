/**
 * A small hand-written binding of the hashicorp/random Terraform provider
 * (registry.terraform.io/providers/hashicorp/random/3.x/docs): `random_password`
 * is all the library needs, for database passwords that nobody types.
 */
import { Construct } from 'constructs';
import { TerraformProvider, TerraformResource } from 'cdktf';
import { utilityProvider } from './utility-provider';

const METADATA = { providerName: 'random', providerVersionConstraint: '~> 3.6' };

/** The random provider of the stack that contains `scope`, created on first use. */
function randomProvider(scope: Construct): TerraformProvider {
  return utilityProvider(scope, METADATA);
}

export interface RandomPasswordConfig {
  readonly length: number;
  /** Include special characters. */
  readonly special?: boolean;
  /** The special characters allowed, when `special` (some servers reject quotes or `@`). */
  readonly overrideSpecial?: string;
}

/** `random_password`: its `result` is a sensitive attribute, kept in state only. */
export class RandomPassword extends TerraformResource {
  public static readonly tfResourceType = 'random_password';

  constructor(scope: Construct, id: string, private readonly config: RandomPasswordConfig) {
    super(scope, id, {
      terraformResourceType: RandomPassword.tfResourceType,
      terraformGeneratorMetadata: METADATA,
      provider: randomProvider(scope),
    });
  }

  public get result(): string {
    return this.getStringAttribute('result');
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      length: this.config.length,
      special: this.config.special,
      override_special: this.config.overrideSpecial,
    };
  }
}

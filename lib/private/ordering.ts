/**
 * Terraform ordering between constructs of one stack.
 *
 * `node.addDependency` between constructs writes nothing into the synthesized JSON in
 * cdktf 0.21, and Terraform orders a stack only by references and `depends_on`. So a
 * construct that must wait for another (a workload for its namespace, a namespace with
 * sidecar injection for the zone control plane whose webhook injects) gets `depends_on`
 * on each of its resources, naming every resource of the prerequisite. Terraform
 * destroys in the reverse order, so the prerequisite also outlives the dependent.
 */
import { TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Makes every Terraform resource inside `dependent` wait for every Terraform resource
 * inside each of `prerequisites` (a construct, or a resource itself). All must be in one
 * stack: across stacks, the stage order already holds.
 */
export function waitFor(dependent: IConstruct, ...prerequisites: IConstruct[]): void {
  const stack = TerraformStack.of(dependent);
  const required = prerequisites.flatMap((prerequisite) => {
    if (TerraformStack.of(prerequisite) !== stack) {
      throw new Error(
        `${dependent.node.path} cannot wait for ${prerequisite.node.path}: they are in different stacks; stage order already applies them in turn`,
      );
    }
    return resourcesIn(prerequisite);
  });
  for (const resource of resourcesIn(dependent)) {
    const existing = resource.dependsOn ?? [];
    const added = required.filter((other) => other !== resource && !existing.includes(other.fqn)).map((other) => other.fqn);
    if (added.length > 0) resource.dependsOn = [...existing, ...added];
  }
}

/**
 * Managed resources only: a data source with `depends_on` is read at apply time instead
 * of plan time, and waiting for one orders nothing.
 */
function resourcesIn(scope: IConstruct): TerraformResource[] {
  return scope.node.findAll().filter((child): child is TerraformResource => child instanceof TerraformResource);
}

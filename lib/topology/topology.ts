/**
 * The jsii-compatible entry point of the topology: a static class, since jsii exports no
 * free functions (aws-cdk style: `Topology.fromFile(...)`, like `Code.fromAsset(...)`).
 * The free functions (`loadTopology`, `synthTopologyFile`) stay the implementation and
 * remain importable from their modules by TypeScript apps.
 */
import { loadTopology } from './load-topology';
import { SynthTopologyFileOptions, SynthesizedTopology, synthTopologyFile } from './synth-topology-file';
import { TopologySpec } from './topology-spec';
import { TopologyIssue, TopologyValidationError } from './validate-topology';
import { ValidationError } from '../private/validation';

export class Topology {
  /**
   * Loads, expands (`${VAR}`, `${VAR:-default}`) and validates a topology file.
   * @param path a `.yaml`, `.yml` or `.json` file
   * @param env variables for expansion; default `process.env`
   * @throws an error listing every issue (TypeScript: `TopologyValidationError` of lib/topology/validate-topology)
   */
  public static fromFile(path: string, env?: { [name: string]: string }): TopologySpec {
    return loadTopology(path, env ?? process.env);
  }

  /**
   * Every issue of a topology file, each naming the field path, the value and the fix;
   * empty when the file is valid. Does not throw for a bad topology, so that languages
   * that cannot catch an error by its class still get the facts.
   * @param path a `.yaml`, `.yml` or `.json` file
   * @param env variables for expansion; default `process.env`
   */
  public static validate(path: string, env?: { [name: string]: string }): TopologyIssue[] {
    try {
      loadTopology(path, env ?? process.env);
      return [];
    } catch (error) {
      if (error instanceof TopologyValidationError) return error.issues;
      if (error instanceof ValidationError) return [{ path: error.field, value: error.value, message: error.fix }];
      throw error;
    }
  }

  /**
   * Synthesizes the staged stacks of a topology file (`<env>-infra`, `-platform`, `-mesh`)
   * and writes `topology.md` next to them.
   * @param path a `.yaml`, `.yml` or `.json` file
   */
  public static synthFile(path: string, options?: SynthTopologyFileOptions): SynthesizedTopology {
    return synthTopologyFile(path, options);
  }

  private constructor() {}
}

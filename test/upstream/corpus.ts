/**
 * Every app the upstream rules judge: the three examples and each configuration of the
 * matrix, synthesized once per test process.
 */
import { synthEphemeralExample, synthExistingClustersExample, synthReferenceExample, synthTopology } from '../helpers/examples';
import { EXTERNAL_GLOBAL_CA_PEM, generateTopology } from '../helpers/generated-topology';
import { MATRIX, matrixName } from '../helpers/matrix';
import type { StackJson } from '../helpers/synth';
import { AppView } from './app-view';

export interface CorpusEntry {
  readonly name: string;
  readonly synth: () => Record<string, StackJson>;
}

export const CORPUS: readonly CorpusEntry[] = [
  { name: 'example acme-corp', synth: synthReferenceExample },
  { name: 'example ephemeral', synth: synthEphemeralExample },
  { name: 'example existing-clusters', synth: synthExistingClustersExample },
  ...MATRIX.map((options) => ({
    name: `matrix ${matrixName(options)}`,
    synth: () => synthTopology(generateTopology(options), EXTERNAL_GLOBAL_CA_PEM),
  })),
];

const views = new Map<string, AppView>();

/** The view of one corpus entry, synthesized on first use. */
export function viewOf(entry: CorpusEntry): AppView {
  let view = views.get(entry.name);
  if (!view) {
    view = new AppView(entry.synth());
    views.set(entry.name, view);
  }
  return view;
}

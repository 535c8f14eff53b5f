// The floor of a synth: a node process that loads cdktf and the given provider
// modules (deep paths) and does nothing else.
require('cdktf');
for (const module of process.argv.slice(2)) require(module);

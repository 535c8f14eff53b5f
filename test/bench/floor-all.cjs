// The full floor of a synth: a node process that requires, in order, every module file
// listed in the JSON file argv[2] (what the measured synth loaded) and does nothing else.
const { readFileSync } = require('node:fs');

for (const file of JSON.parse(readFileSync(process.argv[2], 'utf8'))) require(file);

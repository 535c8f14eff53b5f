// Preloaded into a measured process (`node --require`): on exit, records peak
// memory and which prebuilt provider modules the process loaded, so the bench
// can build a "floor" process that loads exactly those modules and nothing else.
const { writeFileSync } = require('node:fs');

const target = process.env.CCM_BENCH_REPORT;
if (target) {
  process.on('exit', () => {
    const providerModules = Object.keys(require.cache)
      .map((file) => /node_modules\/(@cdktf\/provider-[a-z0-9-]+\/lib\/[a-z0-9-]+)\/index\.js$/.exec(file))
      .filter(Boolean)
      .map((match) => match[1]);
    writeFileSync(
      target,
      JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, providerModules: [...new Set(providerModules)].sort() }),
    );
  });
}

// Preloaded into a measured process (`node --require`): on exit, records peak
// memory, CPU time (user + system, all threads) and which prebuilt provider modules the process loaded, so the bench
// can build a "floor" process that loads exactly those modules and nothing else.
const { writeFileSync } = require('node:fs');

const target = process.env.CCM_BENCH_REPORT;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const providerModules = Object.keys(require.cache)
      .map((file) => /node_modules\/(@cdktf\/provider-[a-z0-9-]+\/lib\/[a-z0-9-]+)\/index\.js$/.exec(file))
      .filter(Boolean)
      .map((match) => match[1]);
    writeFileSync(
      target,
      JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, providerModules: [...new Set(providerModules)].sort() }),
    );
  });
}

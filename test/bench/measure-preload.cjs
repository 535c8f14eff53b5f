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
    // Every module file in load order, but the entry point and this preload: a floor that
    // requires them in this order loads the same modules and runs none of the synth.
    // (`require.main` of a preload is set before the entry point exists, so argv names it.)
    const entry = require('node:fs').realpathSync(require('node:path').resolve(process.argv[1]));
    const modules = Object.keys(require.cache).filter((file) => file !== __filename && file !== entry);
    writeFileSync(
      target,
      JSON.stringify({
        maxRssKb: usage.maxRSS,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        providerModules: [...new Set(providerModules)].sort(),
        modules,
      }),
    );
  });
}

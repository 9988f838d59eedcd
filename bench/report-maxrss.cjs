// Preloaded into a bench child (node --require): reports its peak resident memory and the CPU
// time it used (all threads) on exit, so a figure from a busy machine can be read for what it is.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`MAXRSS_KB ${u.maxRSS}\nCPU_MS ${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`);
});

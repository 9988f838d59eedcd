// Preloaded into a bench child (node --require): reports its peak resident memory on exit.
process.on('exit', () => process.stderr.write(`MAXRSS_KB ${process.resourceUsage().maxRSS}\n`));

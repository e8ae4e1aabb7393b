// Command-line flags of bench/relay.mjs.

const USAGE = `usage: node bench/relay.mjs [--duration S] [--rate N] [--visitors V] [--window W] [--quick]
                            [--drain S] [--burst N] [--profile] [--verbose] [--only NAME,NAME]
  --duration S   seconds per measured phase (default 10; 2 with --quick)
  --rate N       phase A offered rate, messages per second (default 500)
  --visitors V   visitor sockets, one conversation each (default 50; 10 with --quick)
  --window W     phase B messages in flight (default 128; 32 with --quick)
  --drain S      seconds to wait for stragglers after a phase (default 5)
  --burst N      phase C: messages each visitor sends at once (default 20; 5 with --quick)
  --quick        short smoke run
  --only NAMES   run only these configurations (bare, plugin-wal, plugin-postgres, plugin-journal)
  --load-process run the visitor and agent sockets in a process of their own, not in the server's
  --profile      write V8 CPU profiles of the plugin runs (--cpu-prof) to a temp folder
  --verbose      stream the children's Strapi logs to stderr`;

const NUMERIC = {
  '--duration': 'duration',
  '--rate': 'rate',
  '--visitors': 'visitors',
  '--window': 'window',
  '--drain': 'drain',
  '--burst': 'burst',
};

/** Parses argv (without node and the script); `--child NAME` marks a forked configuration run. */
export function parseArgs(argv) {
  const given = {};
  const flags = {
    quick: false,
    profile: false,
    verbose: false,
    child: null,
    only: null,
    loadProcess: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg in NUMERIC) {
      const value = Number(argv[(i += 1)]);
      if (!Number.isFinite(value) || value <= 0) throw new Error(`${arg} needs a positive number\n${USAGE}`);
      given[NUMERIC[arg]] = value;
    } else if (arg === '--quick') flags.quick = true;
    else if (arg === '--profile') flags.profile = true;
    else if (arg === '--verbose') flags.verbose = true;
    else if (arg === '--child') flags.child = argv[(i += 1)];
    else if (arg === '--only') flags.only = argv[(i += 1)].split(',');
    else if (arg === '--load-process') flags.loadProcess = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  const defaults = flags.quick
    ? { duration: 2, rate: 500, visitors: 10, window: 32, drain: 5, burst: 5 }
    : { duration: 10, rate: 500, visitors: 50, window: 128, drain: 5, burst: 20 };
  const options = { ...defaults, ...given, ...flags };
  options.visitors = Math.round(options.visitors);
  options.window = Math.round(options.window);
  return options;
}

/** The flags a child needs to repeat the parent's parameters. */
export const childArgs = (options) => [
  ...(options.loadProcess ? ['--load-process'] : []),
  '--duration',
  String(options.duration),
  '--rate',
  String(options.rate),
  '--visitors',
  String(options.visitors),
  '--window',
  String(options.window),
  '--drain',
  String(options.drain),
  '--burst',
  String(options.burst),
];

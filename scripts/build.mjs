// Builds the plugin's bundles with esbuild. `node scripts/build.mjs [name...]` builds only the named entries.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

// Every package the plugin declares stays a runtime `require`: the host site installs it once.
const declaredPackages = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
  ...Object.keys(pkg.devDependencies ?? {}),
].flatMap((name) => [name, `${name}/*`]);

// The admin shares these with the Strapi admin app; a second copy would break React contexts.
// react-intl is not a declared dependency, but the admin provides it and a bundled copy would lose its context.
const adminSingletons = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  'react-router-dom',
  'styled-components',
  'react-intl',
  '@strapi/*',
];

/** One entry per bundle; add the client SDK and the widget here. */
const entries = [
  {
    name: 'server',
    source: 'server/index.ts',
    outputs: [{ file: 'dist/server/index.js', format: 'cjs' }],
    options: { platform: 'node', target: 'node20', external: declaredPackages },
  },
  {
    name: 'admin',
    source: 'admin/src/index.tsx',
    outputs: [
      { file: 'dist/admin/index.mjs', format: 'esm' },
      { file: 'dist/admin/index.js', format: 'cjs' },
    ],
    options: { platform: 'browser', target: 'es2020', jsx: 'automatic', external: adminSingletons },
  },
];

const formatSize = (bytes) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`);

async function buildEntry(entry) {
  const source = path.join(root, entry.source);
  if (!existsSync(source)) {
    console.warn(`! ${entry.name}: ${entry.source} does not exist yet, skipped`);
    return false;
  }
  for (const output of entry.outputs) {
    const outfile = path.join(root, output.file);
    rmSync(outfile, { force: true });
    rmSync(`${outfile}.map`, { force: true });
    await build({
      entryPoints: [source],
      outfile,
      bundle: true,
      format: output.format,
      sourcemap: true,
      logLevel: 'warning',
      loader: { '.json': 'json' },
      ...entry.options,
    });
    console.log(`  ${output.file.padEnd(28)} ${formatSize(statSync(outfile).size)}`);
  }
  return true;
}

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !entries.some((entry) => entry.name === name));
if (unknown.length > 0) {
  console.error(`Unknown entries: ${unknown.join(', ')} (known: ${entries.map((entry) => entry.name).join(', ')})`);
  process.exit(1);
}

const selected = requested.length > 0 ? entries.filter((entry) => requested.includes(entry.name)) : entries;
const started = Date.now();
try {
  let built = 0;
  for (const entry of selected) {
    if (await buildEntry(entry)) built += 1;
  }
  console.log(`Built ${built} of ${selected.length} entries in ${Date.now() - started} ms`);
} catch (error) {
  // esbuild has already printed the located errors.
  console.error(`Build failed: ${error.message.split('\n')[0]}`);
  process.exit(1);
}
